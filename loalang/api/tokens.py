"""Writes and lookups of API tokens (services and the one selector auth needs)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.api.models import ApiToken, Scope
from loalang.core.audit import audit_log, snapshot

TOKEN_PREFIX = "ll_"  # noqa: S105 - a public marker, not a secret


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_create(
    *, commune: Any, name: str, scopes: list[str], actor: Any, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token; return it and the raw key (shown once, never stored)."""
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown or not scopes:
        raise ValidationError(
            {"scopes": _("Quyền không hợp lệ: %(s)s") % {"s": ", ".join(unknown) or "-"}}
        )
    public = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        commune=commune,
        name=name,
        prefix=f"{TOKEN_PREFIX}{public}",
        digest=digest_of(raw),
        scopes=sorted(set(scopes)),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_log(
        actor=actor,
        verb="api_token.created",
        target=token,
        commune=token.commune,
        after=_public(token),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Any) -> ApiToken:
    if token.revoked_at is None:
        before = _public(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(
            actor=actor,
            verb="api_token.revoked",
            target=token,
            commune=token.commune,
            before=before,
            after=_public(token),
        )
    return token


def api_token_for_key(raw: str) -> ApiToken | None:
    """The active token whose key is `raw`, or None. Records when it was last used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("commune").filter(digest=digest_of(raw)).first()
    if token is None or not token.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most every 5 min
    return token


def _public(token: ApiToken) -> dict[str, Any]:
    data = snapshot(token)
    data.pop("digest", None)
    return data
