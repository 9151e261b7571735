from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from loalang.ops.health import check_all


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and readiness: 200 when every part answers, 503 naming the parts that failed
    (`database`, `cache`, `media`, `worker:<id>`). The public answer says only ok/error per
    part; staff users also get why (exception class, heartbeat age) and timing (ADR 0077)."""
    started = time.monotonic()
    parts = check_all()
    failed = [part.name for part in parts if not part.is_ok]
    body: dict[str, object] = {
        "status": "ok" if not failed else "error",
        **{part.name: "ok" if part.is_ok else "error" for part in parts},
        "failed": failed,
    }
    if request.user.is_authenticated and request.user.is_staff:
        body["detail"] = {part.name: part.detail for part in parts}
        body["debug"] = settings.DEBUG
        body["elapsed_ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse(
        body, status=503 if failed else 200, json_dumps_params={"ensure_ascii": False}
    )
