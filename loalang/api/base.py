"""The API object, token authentication and the helpers every router uses."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, cast

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.connection import ConnectionProxy
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle
from pydantic import AfterValidator

from loalang.accounts.models import User
from loalang.api.models import ApiToken
from loalang.api.tokens import api_token_for_key
from loalang.places.models import Commune

MAX_ID = 2**63 - 1  # the largest primary key the databases hold


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Không được chứa ký tự NUL.")
    return value


# Text from outside: PostgreSQL cannot store NUL characters, so refuse them at the door (422).
NoNulStr = Annotated[str, AfterValidator(_no_nul)]


def _utc(value: dt.datetime) -> dt.datetime:
    """Aware datetimes go to the database in UTC: PostgreSQL refuses offsets beyond ±15:59."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("Thời điểm ngoài phạm vi.") from exc


UtcDatetime = Annotated[dt.datetime, AfterValidator(_utc)]


class ApiRequest(HttpRequest):
    """The request an endpoint under TokenAuth receives: ninja has set `auth` to the caller's
    ApiToken before the endpoint runs (an annotation only; ninja builds nothing of this type)."""

    auth: ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ll_…`: a commune's API token (loalang.api.models.ApiToken)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_for_key(token)  # ninja stores it as request.auth (see ApiRequest)


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token, counted in the `throttle` cache (Redis on multi-machine sites)."""

    # Built like django.core.cache.cache: a proxy to this thread's connection to the named
    # cache, which django-stubs also types as the BaseCache it forwards to.
    cache = cast(BaseCache, ConnectionProxy(caches, "throttle"))


api = NinjaAPI(
    title="Loa Làng API",
    version="1",
    description=(
        "Đọc kế hoạch, hoạt động, tin bài, bản tin, chỉ tiêu và báo cáo của một xã; ghi hoạt "
        "động (nhật ký phát thanh) và gửi bản tin. Xác thực: `Authorization: Bearer <khóa>` "
        "(khóa API do xã cấp, theo từng quyền). Read a commune's plans, activities, articles, "
        "bulletins, indicators and reports; post activities and bulletins."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle(getattr(settings, "LOALANG_API_RATE", "600/m"))],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def commune_for(request: ApiRequest, commune_slug: str, scope: str) -> Commune:
    """The token's commune if it is `commune_slug` (else 404) with `scope` (else 403)."""
    token = request.auth
    if token.commune.slug != commune_slug:
        raise Http404
    if not token.allows(scope):
        raise HttpError(403, f"Khóa API không có quyền '{scope}'.")
    return token.commune


def actor_of(request: ApiRequest) -> User | None:
    """Who a write through the API is recorded as: the person who made the token."""
    return request.auth.created_by


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 in the API's error shape, not a 500."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    detail = f"Nội dung gửi quá lớn (tối đa {limit} MB)."
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)
