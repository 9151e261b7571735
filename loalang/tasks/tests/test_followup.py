from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from loalang.accounts.models import Role
from loalang.core.schedule import next_daily_at
from loalang.notifications.models import Notification
from loalang.tasks.followup import digest_send, task_remind
from loalang.tasks.jobs import DIGEST_AT, schedule_next_digest, tasks_daily_digest_job
from loalang.tasks.models import DigestRun, TaskReminder
from loalang.tasks.tests.factories import make_task
from loalang.testing.factories import OrgUnitFactory, PersonFactory, member

pytestmark = pytest.mark.django_db
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_remind_notifies_assignee_and_emails(
    commune, culture_user, django_capture_on_commit_callbacks
):
    head = member(commune, Role.CHAIR)
    head.email = "truongthon@example.vn"
    head.save()
    task = make_task(commune, assignee_user=head, due_on=dt.date(2023, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):
        reminder = task_remind(
            task=task,
            actor=culture_user,
            today=dt.date(2023, 7, 5),
            base_url="https://loalang.example/",
        )
    n = Notification.objects.get(user=head)
    assert "quá hạn 5 ngày" in n.text and n.url.endswith(f"/nhiem-vu/{task.pk}/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["truongthon@example.vn"]
    assert f"https://loalang.example/app/{commune.slug}/nhiem-vu/{task.pk}/" in mail.outbox[0].body
    assert reminder.emails_sent == 1
    task.refresh_from_db()
    assert task.last_reminded_at is not None


def test_remind_person_without_account_gets_email_only(
    commune, culture_user, django_capture_on_commit_callbacks
):
    person = PersonFactory(commune=commune, email="hoi.phunu@example.vn")
    task = make_task(commune, assignee_person=person)
    with django_capture_on_commit_callbacks(execute=True):
        task_remind(task=task, actor=culture_user)
    assert not Notification.objects.exists()
    assert mail.outbox[0].to == ["hoi.phunu@example.vn"]


def test_remind_falls_back_to_unit_representative(commune, culture_user):
    unit = OrgUnitFactory(commune=commune)
    rep = member(commune, Role.ORG_REP, org_unit=unit)
    task = make_task(commune, org_unit=unit)
    task_remind(task=task, actor=culture_user)
    assert Notification.objects.filter(user=rep).count() == 1


def test_remind_without_anyone_to_reach_is_refused(commune, culture_user):
    task = make_task(commune)
    with pytest.raises(ValidationError):
        task_remind(task=task, actor=culture_user)
    assert not TaskReminder.objects.exists()


def test_done_task_is_not_reminded(commune, culture_user):
    task = make_task(
        commune, assignee_user=culture_user, status="done", completed_on=dt.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError):
        task_remind(task=task, actor=culture_user)


def test_digest_goes_to_assignees_and_officers_once_a_day(commune, culture_user):
    culture_user.email = "vanhoa@example.vn"
    culture_user.save()
    head = member(commune, Role.CHAIR)
    head.email = "chutich@example.vn"
    head.save()
    make_task(commune, title="Việc quá hạn", assignee_user=head, due_on=dt.date(2023, 6, 1))
    make_task(commune, title="Việc sắp hạn", assignee_user=head, due_on=dt.date(2023, 6, 12))
    make_task(commune, title="Việc còn xa", assignee_user=head, due_on=dt.date(2023, 9, 1))
    assert digest_send(commune=commune, today=dt.date(2023, 6, 10)) == 2
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert "Việc quá hạn" in by_to["chutich@example.vn"]
    assert "Việc sắp hạn" in by_to["chutich@example.vn"]
    assert "Việc còn xa" not in by_to["chutich@example.vn"]
    assert "Việc quá hạn" in by_to["vanhoa@example.vn"]  # the officer follows everything up
    assert "Việc sắp hạn" not in by_to["vanhoa@example.vn"]
    assert digest_send(commune=commune, today=dt.date(2023, 6, 10)) == 0  # idempotent
    assert len(mail.outbox) == 2
    assert DigestRun.objects.get().recipients == 2


def test_daily_job_runs_on_the_immediate_backend(commune, culture_user):
    culture_user.email = "vanhoa@example.vn"
    culture_user.save()
    make_task(commune, assignee_user=culture_user, due_on=dt.date(2023, 6, 1))
    with time_machine.travel(dt.datetime(2023, 6, 2, 7, 0, tzinfo=VN), tick=False):
        result = tasks_daily_digest_job.enqueue()
        assert result.return_value == 1
    with time_machine.travel(dt.datetime(2023, 6, 3, 7, 0, tzinfo=VN), tick=False):
        tasks_daily_digest_job.enqueue()
    assert list(DigestRun.objects.order_by("sent_on").values_list("sent_on", flat=True)) == [
        dt.date(2023, 6, 2),
        dt.date(2023, 6, 3),
    ]
    assert len(mail.outbox) == 2


def test_next_run_is_seven_in_the_morning_vietnam_time():
    at_six = dt.datetime(2023, 6, 2, 6, 0, tzinfo=VN)
    assert next_daily_at(DIGEST_AT, at_six) == dt.datetime(2023, 6, 2, 7, 0, tzinfo=VN)
    at_seven = dt.datetime(2023, 6, 2, 7, 0, tzinfo=VN)
    assert next_daily_at(DIGEST_AT, at_seven) == dt.datetime(2023, 6, 3, 7, 0, tzinfo=VN)


def test_immediate_backend_books_nothing_ahead():
    assert schedule_next_digest() is None


def test_database_backend_books_one_run_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    now = dt.datetime(2023, 6, 2, 9, 0, tzinfo=VN)
    first = schedule_next_digest(now)
    assert first == dt.datetime(2023, 6, 3, 7, 0, tzinfo=VN)
    assert schedule_next_digest(now) is None
    assert DBTaskResult.objects.filter(task_path=tasks_daily_digest_job.module_path).count() == 1
