from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from loalang.accounts.models import Role
from loalang.core.files import private_storage
from loalang.core.models import AuditEntry
from loalang.tasks.models import Task, TaskEvidence
from loalang.tasks.selectors import task_list, task_list_overdue
from loalang.tasks.services import (
    task_create,
    task_create_from_duty,
    task_delete,
    task_report_progress,
    task_update,
)
from loalang.tasks.tests.factories import make_duty, make_plan, make_task
from loalang.testing.factories import OrgUnitFactory, member

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (3000, 1500), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (21.0, 5.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_create_from_duty_takes_text_unit_and_plan_year(commune, culture_user):
    unit = OrgUnitFactory(commune=commune)
    duty = make_duty(make_plan(commune), org_unit=unit)
    task = task_create_from_duty(duty=duty, actor=culture_user)
    assert task.title == duty.text
    assert task.org_unit == unit and task.plan == duty.assignment.plan
    assert task.due_on == dt.date(2023, 12, 31)
    assert AuditEntry.objects.filter(verb="task.created", target_id=str(task.pk)).exists()


def test_create_from_duty_accepts_overrides(commune, culture_user):
    duty = make_duty(make_plan(commune))
    task = task_create_from_duty(
        duty=duty, actor=culture_user, due_on=dt.date(2023, 5, 1), assignee_user=culture_user
    )
    assert task.due_on == dt.date(2023, 5, 1) and task.assignee_user == culture_user


def test_monthly_series_creates_one_occurrence_per_month(commune, culture_user):
    series = task_create(
        commune=commune,
        actor=culture_user,
        title="Báo cáo tháng",
        recurrence=Task.Recurrence.MONTHLY,
        starts_on=dt.date(2023, 3, 15),
        repeat_until=dt.date(2023, 12, 31),
    )
    dues = list(series.occurrences.order_by("due_on").values_list("due_on", flat=True))
    assert dues[0] == dt.date(2023, 3, 31) and dues[-1] == dt.date(2023, 12, 31)
    assert len(dues) == 10
    assert series.occurrences.first().title.startswith("Báo cáo tháng — tháng 3/2023")


def test_weekly_series_due_on_sundays_and_shrinking_drops_untouched(commune, culture_user):
    series = task_create(
        commune=commune,
        actor=culture_user,
        title="Đăng bài tuần",
        recurrence=Task.Recurrence.WEEKLY,
        starts_on=dt.date(2023, 10, 2),
        repeat_until=dt.date(2023, 10, 31),
    )
    assert {d.weekday() for d in series.occurrences.values_list("due_on", flat=True)} == {6}
    first = series.occurrences.order_by("due_on").first()
    task_report_progress(task=first, actor=culture_user, status="done")
    task_update(task=series, actor=culture_user, repeat_until=dt.date(2023, 10, 9))
    assert list(series.occurrences.values_list("due_on", flat=True)) == [dt.date(2023, 10, 8)]


def test_series_needs_an_end(commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        task_create(
            commune=commune,
            actor=culture_user,
            title="x",
            recurrence="monthly",
            starts_on=dt.date(2023, 1, 1),
        )
    assert "repeat_until" in exc.value.message_dict
    assert not Task.objects.exists()


def test_cannot_assign_unit_of_another_commune(commune, other_commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        task_create(
            commune=commune,
            actor=culture_user,
            title="x",
            due_on=dt.date(2023, 1, 1),
            org_unit=OrgUnitFactory(commune=other_commune),
        )
    assert "org_unit" in exc.value.message_dict


def test_cannot_assign_user_without_membership(commune, other_commune, culture_user):
    stranger = member(other_commune, Role.CULTURE)
    with pytest.raises(ValidationError):
        task_create(
            commune=commune,
            actor=culture_user,
            title="x",
            due_on=dt.date(2023, 1, 1),
            assignee_user=stranger,
        )


def test_overdue_is_derived_from_due_date(commune, culture_user):
    task = make_task(commune, due_on=dt.date(2023, 6, 30))
    assert [t.pk for t in task_list_overdue(commune=commune, today=dt.date(2023, 7, 1))] == [
        task.pk
    ]
    assert list(task_list_overdue(commune=commune, today=dt.date(2023, 6, 30))) == []
    task_report_progress(task=task, actor=culture_user, status="done", today=dt.date(2023, 7, 2))
    assert list(task_list_overdue(commune=commune, today=dt.date(2023, 8, 1))) == []
    row = task_list(commune=commune, today=dt.date(2023, 8, 1)).get()
    assert row.is_overdue is False and row.completed_on == dt.date(2023, 7, 2)


def test_progress_with_image_strips_location_and_resizes(commune, culture_user):
    task = make_task(commune)
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    update = task_report_progress(
        task=task,
        actor=culture_user,
        status="in_progress",
        progress_pct=40,
        note="Đã treo 3 băng rôn",
        files=[upload],
    )
    evidence = update.evidence.get()
    assert evidence.file.name.startswith(f"tasks/{commune.pk}/")
    with private_storage().open(evidence.file.name) as fh, Image.open(fh) as img:
        assert max(img.size) == 2000
        assert 0x8825 not in img.getexif()
    task.refresh_from_db()
    assert task.status == "in_progress" and task.progress_pct == 40


def test_file_type_is_checked_by_content_not_name(commune, culture_user):
    task = make_task(commune)
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        task_report_progress(task=task, actor=culture_user, status="done", files=[fake])
    assert "files" in exc.value.message_dict
    task.refresh_from_db()
    assert task.status == "not_started" and not task.updates.exists()
    assert not TaskEvidence.objects.exists()


def test_pdf_named_as_image_is_stored_as_pdf(commune, culture_user):
    task = make_task(commune)
    upload = SimpleUploadedFile("anh.jpg", b"%PDF-1.4\n%%EOF\n")
    update = task_report_progress(
        task=task, actor=culture_user, status="in_progress", files=[upload]
    )
    assert update.evidence.get().content_type == "application/pdf"
    assert update.evidence.get().file.name.endswith(".pdf")


def test_blocked_needs_a_note(commune, culture_user):
    task = make_task(commune)
    with pytest.raises(ValidationError) as exc:
        task_report_progress(task=task, actor=culture_user, status="blocked", note="  ")
    assert "note" in exc.value.message_dict


def test_series_itself_takes_no_progress(commune, culture_user):
    series = task_create(
        commune=commune,
        actor=culture_user,
        title="x",
        recurrence="quarterly",
        starts_on=dt.date(2023, 1, 1),
        repeat_until=dt.date(2023, 12, 31),
    )
    assert series.occurrences.count() == 4
    with pytest.raises(ValidationError):
        task_report_progress(task=series, actor=culture_user, status="done")


def test_done_then_reopened_clears_completion(commune, culture_user):
    task = make_task(commune)
    task_report_progress(task=task, actor=culture_user, status="done")
    task_report_progress(task=task, actor=culture_user, status="in_progress", progress_pct=80)
    task.refresh_from_db()
    assert task.completed_on is None and task.progress_pct == 80


def test_delete_removes_evidence_files(commune, culture_user, django_capture_on_commit_callbacks):
    task = make_task(commune)
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n")
    name = (
        task_report_progress(task=task, actor=culture_user, status="in_progress", files=[upload])
        .evidence.get()
        .file.name
    )
    with django_capture_on_commit_callbacks(execute=True):
        task_delete(task=task, actor=culture_user)
    assert not Task.objects.exists()
    assert not private_storage().exists(name)
