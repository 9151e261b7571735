"""Writes of the privacy app: recording and updating personal-data incidents, reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.notifications.services import notify
from loalang.privacy.deadline import State, deadline_for
from loalang.privacy.models import Incident
from loalang.privacy.selectors import privacy_managers

FIELDS = (
    "title",
    "description",
    "data_categories",
    "subject_groups",
    "subjects_estimate",
    "records_estimate",
    "occurred_at",
    "found_at",
    "found_by",
    "consequences",
    "actions_taken",
    "contact_name",
    "contact_phone",
    "status",
    "authority_notified_at",
    "authority_reference",
    "late_reason",
    "subjects_notified_at",
)

# Reminder stages in the order they happen; each is sent at most once per incident.
STAGES = ("opened", "due_soon", "overdue")


def _check_fields(fields: dict[str, Any], where: str) -> None:
    if set(fields) - set(FIELDS):
        raise TypeError(f"{where} got {sorted(set(fields) - set(FIELDS))}")


def _validate(incident: Incident) -> None:
    incident.full_clean()
    deadline = deadline_for(incident, timezone.now())
    if deadline.was_late and not incident.late_reason.strip():
        # Decree 13/2023 Art. 23(1): a notice after the window must say why it is late.
        raise ValidationError(
            {"late_reason": _("Đã thông báo sau thời hạn: hãy ghi lý do thông báo chậm.")}
        )


@transaction.atomic
def incident_create(*, commune: Any, actor: Any, **fields: Any) -> Incident:
    """Record a personal-data incident and tell the commune's privacy managers at once.

    Follow-up reminders (24 hours before the deadline, and when it passes without a notice to
    the authority) are booked on the job worker after the transaction commits."""
    _check_fields(fields, "incident_create")
    incident = Incident(commune=commune, recorded_by=actor, **fields)
    if incident.status == Incident.Status.CLOSED:
        incident.closed_at = timezone.now()
    _validate(incident)
    incident.save()
    audit_log(
        actor=actor, verb="privacy_incident.created", target=incident, commune=incident.commune
    )
    incident_remind(incident=incident, now=timezone.now())
    transaction.on_commit(lambda: _book_reminders(incident))
    return incident


@transaction.atomic
def incident_update(*, incident: Incident, actor: Any, **fields: Any) -> Incident:
    """Change an incident (what was done, who was notified and when, its status)."""
    _check_fields(fields, "incident_update")
    before = snapshot(incident)
    for name, value in fields.items():
        setattr(incident, name, value)
    if incident.status == Incident.Status.CLOSED and incident.closed_at is None:
        incident.closed_at = timezone.now()
    elif incident.status != Incident.Status.CLOSED:
        incident.closed_at = None
    _validate(incident)
    incident.save()
    audit_log(
        actor=actor,
        verb="privacy_incident.updated",
        target=incident,
        commune=incident.commune,
        before=before,
    )
    if "found_at" in fields and before["found_at"] != snapshot(incident)["found_at"]:
        transaction.on_commit(lambda: _book_reminders(incident))
    return incident


def _stage_for(incident: Incident, now: dt.datetime) -> str:
    state = deadline_for(incident, now).state
    if incident.status == Incident.Status.CLOSED or state == State.NOTIFIED:
        return ""
    return {State.OVERDUE: "overdue", State.DUE_SOON: "due_soon"}.get(state, "opened")


def _message(incident: Incident, stage: str, now: dt.datetime) -> str:
    deadline = deadline_for(incident, now)
    due = timezone.localtime(deadline.due_at).strftime("%H:%M %d/%m/%Y")
    if stage == "overdue":
        text = _(
            "Sự cố dữ liệu cá nhân “%(t)s”: đã quá hạn thông báo cho cơ quan chuyên trách "
            "(hạn %(due)s). Hãy gửi thông báo ngay, kèm lý do chậm."
        )
    elif stage == "due_soon":
        text = _(
            "Sự cố dữ liệu cá nhân “%(t)s”: còn %(h)s giờ để thông báo cho cơ quan chuyên "
            "trách (hạn %(due)s)."
        )
    else:
        text = _(
            "Sự cố dữ liệu cá nhân mới: “%(t)s”. Hạn thông báo cho cơ quan chuyên trách: %(due)s."
        )
    return text % {"t": incident.title, "due": due, "h": max(deadline.hours_left, 0)}


@transaction.atomic
def incident_remind(*, incident: Incident, now: dt.datetime) -> int:
    """Tell every privacy manager of the commune where the incident stands, once per stage.

    Sends nothing when the authority has been notified, the incident is closed, or this stage
    (or a later one) was already sent. Returns the number of people notified."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    stage = _stage_for(incident, now)
    if not stage or (
        incident.reminded_stage and STAGES.index(incident.reminded_stage) >= STAGES.index(stage)
    ):
        return 0
    text = _message(incident, stage, now)
    url = reverse(
        "privacy:detail", kwargs={"commune_slug": incident.commune.slug, "pk": incident.pk}
    )
    managers = privacy_managers(commune=incident.commune)
    for user in managers:
        notify(user=user, commune=incident.commune, text=text, url=url)
    emails = [u.email for u in managers if u.email]
    if emails:
        link = getattr(settings, "LOALANG_SITE_URL", "").rstrip("/") + url
        body = f"{text}\n\n{link}"
        transaction.on_commit(
            lambda: send_mail(_("Sự cố dữ liệu cá nhân"), body, None, emails, fail_silently=True)
        )
    Incident.objects.filter(pk=incident.pk).update(reminded_stage=stage)
    audit_log(
        actor=None,
        verb="privacy_incident.reminded",
        target=incident,
        commune=incident.commune,
        after={"stage": stage, "recipients": len(managers)},
    )
    return len(managers)


def _book_reminders(incident: Incident) -> None:
    """Book the reminder job for 24 hours before the deadline and for the deadline itself.

    Backends that cannot defer (the Immediate backend in tests) book nothing; each run checks
    the incident's state again, so a stale booking after an edit only re-checks."""
    from loalang.privacy.deadline import DUE_SOON, notify_deadline
    from loalang.privacy.jobs import privacy_incident_remind_job

    backend = privacy_incident_remind_job.get_backend()
    if not backend.supports_defer:
        return
    due_at = notify_deadline(incident.found_at)
    now = timezone.now()
    for when in (due_at - DUE_SOON, due_at + dt.timedelta(minutes=1)):
        if when > now:
            privacy_incident_remind_job.using(run_after=when).enqueue(incident.pk)
