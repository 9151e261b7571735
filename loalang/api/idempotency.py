"""`Idempotency-Key` on API writes (draft-ietf-httpapi-idempotency-key-header).

A client that may retry sends a key of its choosing. The first request with that key runs and
its answer is stored, in the same transaction as the write. Guarantees:

- the same key with the same request (method, path, JSON body) answers the resource the
  first request wrote, with 200, without writing again — also when the two arrive at the
  same moment: the second waits on the key's unique index (PostgreSQL) or the write lock
  (SQLite) until the first commits, then reads its answer;
- the same key with a different request answers 409 and writes nothing;
- a request that fails (422…) stores nothing, so it may be retried with the same key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError

from loalang.api.base import ApiRequest
from loalang.api.models import IdempotencyRecord

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(days=1)


def _fingerprint(request: HttpRequest) -> str:
    try:
        body = json.dumps(json.loads(request.body or b"null"), sort_keys=True).encode()
    except ValueError:
        body = request.body
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def idempotent(
    request: ApiRequest, write: Callable[[], tuple[int, Any]], *, load: Callable[[int], Any]
) -> tuple[int, Any]:
    """Run `write` (returning (status, object)) at most once per Idempotency-Key; a replay
    answers `load(pk)` of the object the first request wrote."""
    key = request.headers.get(HEADER)
    if key is None:
        return write()
    key = key.strip()
    if not (0 < len(key) <= 200) or not key.isprintable():
        raise HttpError(422, "Idempotency-Key phải có 1–200 ký tự in được.")
    token = request.auth
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    token=token, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            record = IdempotencyRecord.objects.get(token=token, key=key)
            if record.fingerprint != fingerprint:
                raise HttpError(409, "Idempotency-Key này đã dùng cho một yêu cầu khác.") from None
            return 200, load(int((record.response or {})["id"]))
        status, obj = write()
        record.status_code = status
        record.response = {"id": obj.pk}
        record.save(update_fields=["status_code", "response"])
    IdempotencyRecord.objects.filter(token=token, created_at__lt=timezone.now() - KEEP).delete()
    return status, obj
