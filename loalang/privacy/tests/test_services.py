from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from loalang.accounts.models import Role
from loalang.core.models import AuditEntry
from loalang.notifications.models import Notification
from loalang.privacy.attention import attention_items
from loalang.privacy.jobs import privacy_incident_remind_job
from loalang.privacy.models import Incident
from loalang.privacy.services import incident_create, incident_remind, incident_update
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db

FOUND = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _fields(**extra):  # type: ignore[no-untyped-def]
    return {
        "title": "Lộ danh sách tập huấn VNeID",
        "description": "Bảng tính danh sách người tham dự bị gửi nhầm ra ngoài.",
        "data_categories": ["identity", "contact"],
        "subject_groups": ["attendees"],
        "subjects_estimate": 35,
        "found_at": FOUND,
        "found_by": "Trưởng thôn Bản Khằm",
        **extra,
    }


def _create(commune, actor, **extra):  # type: ignore[no-untyped-def]
    return incident_create(commune=commune, actor=actor, **_fields(**extra))


@time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False)
def test_recording_an_incident_audits_it_and_tells_the_privacy_managers_only(
    commune, other_commune, culture_user, chair_user, django_capture_on_commit_callbacks, mailoutbox
):
    chair_user.email = "chutich@example.vn"
    chair_user.save()
    village_head = member(commune, Role.VILLAGE_HEAD)
    vice = member(commune, Role.VICE_CHAIR)
    elsewhere = member(other_commune, Role.CHAIR)
    with django_capture_on_commit_callbacks(execute=True):
        incident = _create(commune, culture_user)
    assert incident.recorded_by == culture_user
    assert AuditEntry.objects.filter(verb="privacy_incident.created", target_id=str(incident.pk))
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {culture_user.pk, chair_user.pk}
    assert not told & {village_head.pk, vice.pk, elsewhere.pk}
    text = Notification.objects.first().text
    assert "Lộ danh sách tập huấn VNeID" in text and "05/03/2026" in text
    assert [m.to for m in mailoutbox] == [["chutich@example.vn"]]


def test_reminders_go_once_per_stage_as_the_deadline_nears_and_passes(commune, culture_user):
    with time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False):
        incident = _create(commune, culture_user)
    assert Notification.objects.count() == 1  # "opened"

    def remind_at(hours: float) -> int:
        with time_machine.travel(FOUND + dt.timedelta(hours=hours), tick=False):
            return incident_remind(incident=incident, now=timezone.now())

    assert remind_at(10) == 0  # still "opened": nothing new
    assert remind_at(49) == 1  # under 24 hours left
    assert remind_at(50) == 0  # that stage was sent
    assert remind_at(73) == 1  # overdue
    assert remind_at(80) == 0
    texts = list(Notification.objects.order_by("pk").values_list("text", flat=True))
    assert "còn 23 giờ" in texts[1]
    assert "quá hạn" in texts[2]


def test_no_reminder_once_the_authority_has_been_notified(commune, culture_user):
    with time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False):
        incident = _create(commune, culture_user)
        incident_update(
            incident=incident,
            actor=culture_user,
            authority_notified_at=FOUND + dt.timedelta(minutes=50),
            authority_reference="Công văn 12/UBND-VHXH",
        )
    with time_machine.travel(FOUND + dt.timedelta(hours=73), tick=False):
        assert incident_remind(incident=incident, now=timezone.now()) == 0
        assert privacy_incident_remind_job.enqueue(incident.pk).return_value == 0


def test_the_reminder_job_reminds(commune, culture_user):
    with time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False):
        incident = _create(commune, culture_user)
    with time_machine.travel(FOUND + dt.timedelta(hours=75), tick=False):
        result = privacy_incident_remind_job.enqueue(incident.pk)
    assert result.return_value == 1
    incident.refresh_from_db()
    assert incident.reminded_stage == "overdue"


@time_machine.travel(FOUND + dt.timedelta(hours=80), tick=False)
def test_a_late_notice_needs_a_reason(commune, culture_user):
    incident = _create(commune, culture_user)
    with pytest.raises(ValidationError) as exc:
        incident_update(
            incident=incident,
            actor=culture_user,
            authority_notified_at=FOUND + dt.timedelta(hours=79),
        )
    assert "late_reason" in exc.value.message_dict
    incident_update(
        incident=Incident.objects.get(pk=incident.pk),
        actor=culture_user,
        authority_notified_at=FOUND + dt.timedelta(hours=79),
        late_reason="Phát hiện vào ngày nghỉ lễ, chưa liên hệ được người ký.",
    )
    assert AuditEntry.objects.filter(verb="privacy_incident.updated").count() == 1


def test_times_must_be_in_order(commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        _create(
            commune,
            culture_user,
            occurred_at=FOUND + dt.timedelta(hours=1),
            subjects_notified_at=FOUND - dt.timedelta(hours=1),
        )
    assert {"occurred_at", "subjects_notified_at"} <= set(exc.value.message_dict)
    assert not Incident.objects.exists()


def test_unknown_categories_are_refused(commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        _create(commune, culture_user, data_categories=["identity", "blood_type"])
    assert "data_categories" in exc.value.message_dict


def test_closing_stamps_the_time_and_reopening_clears_it(commune, culture_user):
    incident = _create(commune, culture_user)
    incident_update(incident=incident, actor=culture_user, status=Incident.Status.CLOSED)
    assert incident.closed_at is not None
    incident_update(incident=incident, actor=culture_user, status=Incident.Status.OPEN)
    assert incident.closed_at is None


def test_home_page_attention_shows_hours_left_until_notified(commune, culture_user, chair_user):
    from loalang.accounts.access import scope_for

    with time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False):
        incident = _create(commune, culture_user)
    with time_machine.travel(FOUND + dt.timedelta(hours=60), tick=False):
        items = attention_items(commune, scope_for(culture_user, commune))
        assert [(i.level, "còn 12 giờ" in i.text) for i in items] == [("danger", True)]
        village_head = member(commune, Role.VILLAGE_HEAD)
        assert attention_items(commune, scope_for(village_head, commune)) == []
        incident_update(
            incident=incident,
            actor=chair_user,
            authority_notified_at=FOUND + dt.timedelta(hours=59),
        )
        assert attention_items(commune, scope_for(culture_user, commune)) == []


def test_reminders_are_booked_on_the_worker_for_24_hours_before_and_at_the_deadline(
    commune, culture_user, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from loalang.privacy.jobs import privacy_incident_remind_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with (
        time_machine.travel(FOUND + dt.timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        incident = _create(commune, culture_user)
    booked = DBTaskResult.objects.filter(task_path=privacy_incident_remind_job.module_path)
    assert sorted(r.run_after for r in booked) == [
        FOUND + dt.timedelta(hours=48),
        FOUND + dt.timedelta(hours=72, minutes=1),
    ]
    assert {tuple(r.args_kwargs["args"]) for r in booked} == {(incident.pk,)}
