"""Writes to the activity log: recording, editing, verification, returns and locked periods.

Guarantees (ADR 0021):
- an activity is saved together with its per-form detail rows, or not at all;
- editing a verified activity sends it back to REPORTED (it stops counting until verified);
- nothing in a locked month can be recorded, edited, verified, returned or deleted;
- a resubmitted phone form (same client token) returns the activity already saved.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.activities import notify as activity_notify
from loalang.activities.details import (
    BulletinIssue,
    GuidanceCount,
    PeriodLock,
    PortalPost,
    PrintedDistribution,
    PrintedMaterial,
    PropagandistSession,
    RadioBroadcast,
    SmsCampaign,
    SocialPost,
    TeamGuidance,
    VisualItem,
)
from loalang.activities.models import Activity
from loalang.activities.summary import coverage_refresh
from loalang.core.audit import audit_log, snapshot
from loalang.core.channels import Channel
from loalang.events.models import Event

_KIND_CHANNEL = {
    Activity.Kind.PORTAL_POST: Channel.PORTAL,
    Activity.Kind.SOCIAL_POST: Channel.SOCIAL,
    Activity.Kind.RADIO_BROADCAST: Channel.RADIO,
    Activity.Kind.VISUAL: Channel.VISUAL,
    Activity.Kind.BULLETIN: Channel.BULLETIN,
    Activity.Kind.PRINTED: Channel.PRINTED,
    Activity.Kind.EVENT: Channel.EVENT,
    Activity.Kind.TEAM_GUIDANCE: Channel.TEAM_GUIDANCE,
    Activity.Kind.PROPAGANDIST: Channel.PROPAGANDIST,
    Activity.Kind.SMS: Channel.SMS,
}

# The detail model of each form; its related name on Activity is the form's code.
DETAIL_MODELS: dict[str, type[models.Model]] = {
    Activity.Kind.PORTAL_POST: PortalPost,
    Activity.Kind.SOCIAL_POST: SocialPost,
    Activity.Kind.RADIO_BROADCAST: RadioBroadcast,
    Activity.Kind.VISUAL: VisualItem,
    Activity.Kind.BULLETIN: BulletinIssue,
    Activity.Kind.PRINTED: PrintedMaterial,
    Activity.Kind.EVENT: Event,
    Activity.Kind.TEAM_GUIDANCE: TeamGuidance,
    Activity.Kind.PROPAGANDIST: PropagandistSession,
    Activity.Kind.SMS: SmsCampaign,
}

ACTIVITY_FIELDS = (
    "plan",
    "channel",
    "title",
    "description",
    "held_on",
    "ended_on",
    "reach",
    "cost_vnd",
    "funding_source",
    "minutes",
    "org_unit",
    "team",
)


def channel_for_kind(kind: str) -> str:
    return str(_KIND_CHANNEL[Activity.Kind(kind)])


def detail_of(activity: Activity) -> models.Model | None:
    """The activity's per-form detail row, or None when it has none yet."""
    try:
        return getattr(activity, str(activity.kind))
    except models.ObjectDoesNotExist:
        return None


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def period_is_locked(*, commune: Any, day: dt.date | None) -> bool:
    if day is None:
        return False
    return PeriodLock.objects.filter(commune=commune, month=month_start(day)).exists()


def _check_unlocked(commune: Any, *days: dt.date | None) -> None:
    for day in {month_start(d) for d in days if d}:
        if period_is_locked(commune=commune, day=day):
            raise ValidationError(
                _("Tháng %(month)s đã khoá sổ: không thể thêm, sửa hay xác nhận hoạt động.")
                % {"month": f"{day:%m/%Y}"}
            )


def _save_detail(
    activity: Activity,
    detail: Mapping[str, Any] | None,
    distributions: Mapping[Any, int] | None,
    guidance: Mapping[str, tuple[int, int]] | None,
) -> None:
    model = DETAIL_MODELS[activity.kind]
    row = detail_of(activity) or model(activity=activity)
    for name, value in (detail or {}).items():
        setattr(row, name, value)
    row.is_sample = activity.is_sample  # type: ignore[attr-defined]
    row.full_clean()
    row.save()
    if isinstance(row, PrintedMaterial) and distributions is not None:
        row.distributions.all().delete()
        for village, copies in distributions.items():
            if copies:
                dist = PrintedDistribution(
                    printed=row, village=village, copies=copies, is_sample=activity.is_sample
                )
                dist.full_clean()
                dist.save()
    if isinstance(row, TeamGuidance) and guidance is not None:
        row.counts.all().delete()
        for platform, (households, people) in guidance.items():
            if households or people:
                count = GuidanceCount(
                    guidance=row,
                    platform=platform,
                    households=households or 0,
                    people=people or 0,
                    is_sample=activity.is_sample,
                )
                count.full_clean()
                count.save()


def _check_relations(activity: Activity, themes: list[Any], villages: list[Any]) -> None:
    errors: dict[str, str] = {}
    if any(v.commune_id != activity.commune_id for v in villages):
        errors["villages"] = _("Thôn không thuộc xã này.")
    if any(t.plan.commune_id != activity.commune_id for t in themes):
        errors["themes"] = _("Nội dung tuyên truyền không thuộc kế hoạch của xã này.")
    if activity.plan_id and any(t.plan_id != activity.plan_id for t in themes):
        errors["themes"] = _("Nội dung tuyên truyền phải thuộc kế hoạch đã chọn.")
    for name in ("plan", "org_unit", "team"):
        related = getattr(activity, name)
        if related is not None and related.commune_id != activity.commune_id:
            errors[name] = _("Không thuộc xã này.")
    fs = activity.funding_source
    if fs is not None and fs.plan.commune_id != activity.commune_id:
        errors["funding_source"] = _("Nguồn kinh phí không thuộc xã này.")
    if activity.ended_on and activity.ended_on < activity.held_on:
        errors["ended_on"] = _("Ngày kết thúc không thể trước ngày thực hiện.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_log_once(
    *,
    commune: Any,
    actor: Any,
    kind: str,
    fields: Mapping[str, Any],
    themes: Iterable[Any] = (),
    villages: Iterable[Any] = (),
    detail: Mapping[str, Any] | None = None,
    distributions: Mapping[Any, int] | None = None,
    guidance: Mapping[str, tuple[int, int]] | None = None,
    client_token: uuid.UUID | None = None,
    is_sample: bool = False,
) -> tuple[Activity, bool]:
    """Record an activity someone carried out, with its form's details. Status: REPORTED.

    Returns (activity, created). With a `client_token` the call is idempotent: a second call
    — also one racing the first — returns the first activity and False.
    """
    if client_token is not None:
        existing = Activity.objects.filter(commune=commune, client_token=client_token).first()
        if existing is not None:
            return existing, False
    activity = Activity(
        commune=commune,
        kind=kind,
        channel=channel_for_kind(kind),
        client_token=client_token,
        status=Activity.Status.REPORTED,
        is_sample=is_sample,
    )
    if actor is not None and getattr(actor, "is_authenticated", False):
        activity.recorded_by = actor
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise TypeError(f"activity_log: unknown field {name!r}")
        if value is not None or name not in ("channel", "cost_vnd"):
            setattr(activity, name, value)
    themes, villages = list(themes), list(villages)
    _check_relations(activity, themes, villages)
    _check_unlocked(commune, activity.held_on)
    activity.full_clean()
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError:
        # Two submits with one token raced; the other one won.
        if client_token is None:
            raise
        return Activity.objects.get(commune=commune, client_token=client_token), False
    activity.themes.set(themes)
    activity.villages.set(villages)
    _save_detail(activity, detail, distributions, guidance)
    audit_log(actor=actor, verb="activity.recorded", target=activity, commune=commune)
    return activity, True


def activity_log(**kwargs: Any) -> Activity:
    """`activity_log_once` without the created flag (same arguments and guarantees)."""
    return activity_log_once(**kwargs)[0]


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor: Any,
    fields: Mapping[str, Any],
    themes: Iterable[Any] | None = None,
    villages: Iterable[Any] | None = None,
    detail: Mapping[str, Any] | None = None,
    distributions: Mapping[Any, int] | None = None,
    guidance: Mapping[str, tuple[int, int]] | None = None,
) -> Activity:
    """Change a recorded activity. A verified one goes back to REPORTED for re-verification."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = snapshot(activity)
    old_day = activity.held_on
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise TypeError(f"activity_update: unknown field {name!r}")
        setattr(activity, name, value)
    theme_list = list(themes) if themes is not None else list(activity.themes.all())
    village_list = list(villages) if villages is not None else list(activity.villages.all())
    _check_relations(activity, theme_list, village_list)
    _check_unlocked(activity.commune, old_day, activity.held_on)
    if activity.status != Activity.Status.REPORTED:
        activity.status = Activity.Status.REPORTED
        activity.verified_by = None
        activity.verified_at = None
    activity.full_clean()
    activity.save()
    if themes is not None:
        activity.themes.set(theme_list)
    if villages is not None:
        activity.villages.set(village_list)
    _save_detail(activity, detail, distributions, guidance)
    if before["status"] == Activity.Status.VERIFIED:
        coverage_refresh(commune_id=activity.commune_id, days=[old_day, activity.held_on])
    audit_log(
        actor=actor,
        verb="activity.updated",
        target=activity,
        commune=activity.commune,
        before=before,
    )
    return activity


@transaction.atomic
def activity_verify(*, activity: Activity, actor: Any) -> Activity:
    """The Culture-Social officer confirms the activity happened; from now on it counts."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.VERIFIED:
        return activity
    _check_unlocked(activity.commune, activity.held_on)
    before = snapshot(activity)
    activity.status = Activity.Status.VERIFIED
    activity.verified_by = actor
    activity.verified_at = timezone.now()
    activity.review_comment = ""
    activity.full_clean()
    activity.save()
    coverage_refresh(commune_id=activity.commune_id, days=[activity.held_on])
    audit_log(
        actor=actor,
        verb="activity.verified",
        target=activity,
        commune=activity.commune,
        before=before,
    )
    return activity


# At most this many activities are verified in one request (a page of the review list).
VERIFY_MANY_LIMIT = 200


@dataclass(frozen=True)
class VerifyResult:
    done: int
    failed: list[str]  # "<title>: <why>", one per activity that could not be verified


def activity_verify_many(*, commune: Any, ids: Iterable[int], actor: Any) -> VerifyResult:
    """Verify the commune's activities among `ids` (others' ids are ignored; at most
    VERIFY_MANY_LIMIT). One transaction; the coverage cells and report facts are recounted once
    at the end. An activity that cannot be verified (its month is locked…) is reported in
    `failed` and the others are still verified."""
    from loalang.activities.summary import refresh_batch

    wanted = list(ids)[:VERIFY_MANY_LIMIT]
    done, failed = 0, []
    with transaction.atomic(), refresh_batch():
        for activity in Activity.objects.filter(commune=commune, pk__in=wanted):
            try:
                activity_verify(activity=activity, actor=actor)  # atomic: a savepoint each
            except ValidationError as exc:
                failed.append(f"{activity.title}: {' '.join(exc.messages)}")
            else:
                done += 1
    return VerifyResult(done=done, failed=failed)


@transaction.atomic
def activity_return(*, activity: Activity, actor: Any, comment: str) -> Activity:
    """Send the activity back to whoever reported it, saying what to add or correct."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Hãy ghi rõ cần bổ sung, sửa gì.")})
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _check_unlocked(activity.commune, activity.held_on)
    before = snapshot(activity)
    activity.status = Activity.Status.RETURNED
    activity.verified_by = None
    activity.verified_at = None
    activity.review_comment = comment[:2000]
    activity.full_clean()
    activity.save()
    if before["status"] == Activity.Status.VERIFIED:
        coverage_refresh(commune_id=activity.commune_id, days=[activity.held_on])
    audit_log(
        actor=actor,
        verb="activity.returned",
        target=activity,
        commune=activity.commune,
        before=before,
    )
    activity_notify.activity_returned(activity, actor)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor: Any) -> None:
    """Delete an activity that is not verified (a mistake); its evidence files go with it."""
    if activity.status == Activity.Status.VERIFIED:
        raise ValidationError(_("Hoạt động đã xác nhận không thể xoá; hãy trả lại trước."))
    if activity.source_type:
        raise ValidationError(_("Hoạt động do hệ thống tự ghi nhận không thể xoá tại đây."))
    _check_unlocked(activity.commune, activity.held_on)
    before = snapshot(activity)
    names = [e.file.name for e in activity.evidence.all()]
    storage = activity.evidence.model._meta.get_field("file").storage
    audit_log(
        actor=actor,
        verb="activity.deleted",
        target=activity,
        before=before,
        commune=activity.commune,
    )
    activity.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in names])  # type: ignore[func-returns-value, arg-type]


@transaction.atomic
def period_lock(*, commune: Any, month: dt.date, actor: Any) -> PeriodLock:
    """Close a month: its activities can no longer change. Idempotent."""
    lock, created = PeriodLock.objects.get_or_create(
        commune=commune, month=month_start(month), defaults={"locked_by": actor}
    )
    if created:
        audit_log(actor=actor, verb="period.locked", target=lock, commune=commune)
    return lock


@transaction.atomic
def period_unlock(*, commune: Any, month: dt.date, actor: Any) -> None:
    lock = PeriodLock.objects.filter(commune=commune, month=month_start(month)).first()
    if lock is not None:
        audit_log(
            actor=actor, verb="period.unlocked", target=lock, before=snapshot(lock), commune=commune
        )
        lock.delete()


@transaction.atomic
def activity_record_automatic(
    *,
    commune: Any,
    kind: str,
    source: models.Model,
    title: str,
    held_on: dt.date,
    reach: int | None = None,
    minutes: int | None = None,
    themes: Iterable[Any] = (),
    villages: Iterable[Any] = (),
    plan: Any = None,
    description: str = "",
    actor: Any = None,
) -> Activity:
    """Record (or update) the activity that another module's record stands for.

    Idempotent per source: publishing an article twice, or confirming a broadcast again,
    updates the one activity instead of adding a second. Automatic records are verified at
    once: the system itself saw the work happen.
    """
    source_type = source._meta.label_lower
    existing = (
        Activity.objects.select_for_update()
        .filter(source_type=source_type, source_id=str(source.pk))
        .first()
    )
    before = snapshot(existing) if existing else None
    existing_day = existing.held_on if existing else None
    activity = existing or Activity(source_type=source_type, source_id=str(source.pk))
    activity.commune = commune
    activity.kind = kind
    activity.channel = channel_for_kind(kind)
    activity.title = title[:300]
    activity.description = description
    activity.held_on = held_on
    activity.reach = reach
    activity.minutes = minutes
    activity.plan = plan
    activity.status = Activity.Status.VERIFIED
    if actor is not None and getattr(actor, "is_authenticated", False):
        activity.recorded_by = actor
    activity.full_clean()
    activity.save()
    activity.themes.set(list(themes))
    activity.villages.set(list(villages))
    if before is not None and before["commune_id"] != activity.commune_id:
        coverage_refresh(commune_id=before["commune_id"], days=[existing_day])
    coverage_refresh(commune_id=activity.commune_id, days=[existing_day, activity.held_on])
    audit_log(
        actor=actor,
        verb="activity.updated" if existing else "activity.recorded",
        target=activity,
        before=before,
        commune=commune,
    )
    return activity
