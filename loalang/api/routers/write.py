"""Write access: activities (scope `activities:write`) and bulletins (scope `bulletins:write`).

Both go through the owning app's services (validation, audit log, idempotency):
- a province app or a smart-radio vendor posts what was done — broadcast logs included — as
  activities, with a `client_token` so a retried POST never records twice;
- a province pushes a bulletin down with its own `external_ref`; pushing it again updates it.
"""

import datetime as dt
import uuid
from typing import Any

from django.db import models
from ninja import Field, Schema
from ninja.errors import HttpError

from loalang.activities import services as activity_services
from loalang.activities.models import Activity
from loalang.api.base import MAX_ID, ApiRequest, NoNulStr, actor_of, commune_for
from loalang.api.idempotency import idempotent
from loalang.api.models import Scope
from loalang.api.routers.read import ActivityOut, BulletinOut, activities_of
from loalang.api.routers.read import router as read_router
from loalang.places.models import Village
from loalang.radio.models import Bulletin
from loalang.radio.services import bulletins as bulletin_services

# Same router as the reads: ninja serves GET and POST of one path only from one router.
router = read_router

SKIP_DETAIL_FIELDS = {"id", "activity", "created_at", "updated_at", "is_sample"}


class ActivityIn(Schema):
    kind: Activity.Kind
    title: NoNulStr = Field(min_length=1, max_length=300)
    held_on: dt.date
    ended_on: dt.date | None = None
    description: NoNulStr = Field("", max_length=20_000)
    reach: int | None = Field(None, ge=0, le=10_000_000)
    minutes: int | None = Field(None, ge=0, le=100_000)
    village_ids: list[int] = Field(default_factory=list, max_length=200)
    client_token: uuid.UUID | None = Field(
        None, description="Khóa chống ghi trùng: gửi lại cùng mã → trả về bản ghi đã có."
    )
    detail: dict[str, NoNulStr | int | bool | None] = Field(
        default_factory=dict,
        description="Thông tin riêng theo hình thức, ví dụ phát thanh: station, times_aired.",
        max_length=20,
    )


class ErrorOut(Schema):
    detail: Any


def _detail_fields(kind: str, detail: dict[str, Any]) -> dict[str, Any]:
    """Only the detail model's own plain fields; anything else is a 422, never set blindly."""
    model = activity_services.DETAIL_MODELS[kind]
    allowed = {
        f.name
        for f in model._meta.concrete_fields
        if f.name not in SKIP_DETAIL_FIELDS and not isinstance(f, models.ForeignKey)
    }
    unknown = sorted(set(detail) - allowed)
    if unknown:
        from django.core.exceptions import ValidationError

        raise ValidationError({"detail": f"Trường không hợp lệ: {', '.join(unknown)}"})
    return detail


@router.post(
    "/{commune_slug}/activities",
    response={201: ActivityOut, 200: ActivityOut, 409: ErrorOut, 422: ErrorOut},
)
def activity_create(
    request: ApiRequest, commune_slug: str, payload: ActivityIn
) -> tuple[int, Activity]:
    """Record an activity (status: reported, waiting for the commune's check).

    Resending the same `client_token` — also at the same moment — answers the activity
    already recorded with 200. An `Idempotency-Key` header works the same for any body."""
    commune = commune_for(request, commune_slug, Scope.ACTIVITIES_WRITE)
    return idempotent(
        request,
        lambda: _activity_create(request, commune, payload),
        load=lambda pk: activities_of(commune).get(pk=pk),
    )


def _activity_create(request: ApiRequest, commune: Any, payload: ActivityIn) -> tuple[int, Any]:
    if payload.client_token is not None:
        existing = Activity.objects.filter(commune=commune, client_token=payload.client_token)
        if existing.exists():
            return 200, activities_of(commune).get(pk=existing.get().pk)
    ids = {i for i in payload.village_ids if 0 < i <= MAX_ID}
    villages = list(Village.objects.filter(commune=commune, pk__in=ids))
    if len(villages) != len(set(payload.village_ids)):
        from django.core.exceptions import ValidationError

        raise ValidationError({"village_ids": "Thôn không thuộc xã này."})
    activity, created = activity_services.activity_log_once(
        commune=commune,
        actor=actor_of(request),
        kind=payload.kind,
        fields={
            "title": payload.title,
            "held_on": payload.held_on,
            "ended_on": payload.ended_on,
            "description": payload.description,
            "reach": payload.reach,
            "minutes": payload.minutes,
        },
        villages=villages,
        detail=_detail_fields(payload.kind, payload.detail),
        client_token=payload.client_token,
    )
    return (201 if created else 200), activities_of(commune).get(pk=activity.pk)


class BulletinIn(Schema):
    external_ref: NoNulStr = Field(min_length=1, max_length=100)
    title: NoNulStr = Field(min_length=1, max_length=200)
    script: NoNulStr = Field("", max_length=50_000)
    priority: Bulletin.Priority = Bulletin.Priority.NORMAL
    source: Bulletin.Source = Bulletin.Source.PROVINCE
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@router.post(
    "/{commune_slug}/bulletins",
    response={201: BulletinOut, 200: BulletinOut, 409: ErrorOut, 422: ErrorOut},
)
def bulletin_push(request: ApiRequest, commune_slug: str, payload: BulletinIn) -> tuple[int, Any]:
    """Push a bulletin down from the province (or centre). The same `external_ref` with the
    same content answers the bulletin already there (200); with other content, 409.

    The commune still approves it before it airs (the radio app's review queue)."""
    commune = commune_for(request, commune_slug, Scope.BULLETINS_WRITE)
    return idempotent(
        request,
        lambda: _bulletin_push(request, commune, payload),
        load=lambda pk: Bulletin.objects.get(commune=commune, pk=pk),
    )


def _bulletin_push(request: ApiRequest, commune: Any, payload: BulletinIn) -> tuple[int, Any]:
    try:
        bulletin, created = bulletin_services.bulletin_create_from_province(
            commune=commune,
            external_ref=payload.external_ref,
            title=payload.title,
            script=payload.script,
            priority=payload.priority,
            source_kind=payload.source,
            valid_from=payload.valid_from,
            valid_until=payload.valid_until,
            actor=actor_of(request),
        )
    except bulletin_services.ExternalRefConflict:
        raise HttpError(
            409, "Mã external_ref này đã dùng cho một bản tin có nội dung khác; hãy dùng mã mới."
        ) from None
    bulletin.refresh_from_db()
    return (201 if created else 200), bulletin
