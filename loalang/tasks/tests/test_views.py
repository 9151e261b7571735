from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loalang.accounts.access import scope_for
from loalang.accounts.models import Role
from loalang.core.nav import attention_items
from loalang.notifications.models import Notification
from loalang.tasks.models import Task
from loalang.tasks.selectors import task_list, task_series_list
from loalang.tasks.services import task_report_progress
from loalang.tasks.tests.factories import make_duty, make_plan, make_task
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


def url(name, commune, **kw):  # type: ignore[no-untyped-def]
    return reverse(f"tasks:{name}", kwargs={"commune_slug": commune.slug, **kw})


def test_create_task_from_form(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("create", commune),
        {
            "title": "Treo băng rôn tại 6 thôn",
            "due_on": "2023-05-31",
            "assignee_user": culture_user.pk,
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "detail", commune, pk=task.pk
    )
    assert task.assignee_user == culture_user and task.due_on == dt.date(2023, 5, 31)


def test_create_without_due_date_shows_field_error(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(url("create", commune), {"title": "x"})
    assert response.status_code == 200
    assert "Hãy chọn hạn hoàn thành" in response.content.decode()
    assert not Task.objects.exists()


def test_edit_series_extends_occurrences(client, commune, culture_user):
    client.force_login(culture_user)
    client.post(
        url("create", commune),
        {
            "title": "Báo cáo",
            "recurrence": "monthly",
            "starts_on": "2023-01-01",
            "repeat_until": "2023-03-31",
        },
    )
    series = Task.objects.get(series__isnull=True)
    assert series.occurrences.count() == 3
    response = client.post(
        url("edit", commune, pk=series.pk),
        {
            "title": "Báo cáo",
            "starts_on": "2023-01-01",
            "repeat_until": "2023-06-30",
        },
    )
    assert response.status_code == 302
    assert series.occurrences.count() == 6


def test_from_duty_creates_task_and_opens_edit(client, commune, culture_user):
    duty = make_duty(make_plan(commune))
    client.force_login(culture_user)
    response = client.post(url("from_duty", commune, duty_pk=duty.pk))
    task = Task.objects.get(duty=duty)
    assert response["Location"] == url("edit", commune, pk=task.pk)
    page = client.get(url("duties", commune)).content.decode()
    assert duty.text[:40] in page and url("detail", commune, pk=task.pk) in page


def test_overdue_list_and_one_click_reminder(client, commune, culture_user):
    chair = member(commune, Role.CHAIR)
    task = make_task(
        commune, title="Báo cáo quý 2", assignee_user=chair, due_on=dt.date(2023, 6, 30)
    )
    make_task(commune, title="Việc chưa đến hạn", due_on=dt.date(2023, 12, 31))
    client.force_login(culture_user)
    with time_machine.travel(dt.datetime(2023, 7, 10, 9, 0), tick=False):
        page = client.get(url("overdue", commune)).content.decode()
        assert "Báo cáo quý 2" in page and "Việc chưa đến hạn" not in page
        response = client.post(url("remind", commune, pk=task.pk), {"next": "overdue"})
    assert response["Location"] == url("overdue", commune)
    assert Notification.objects.filter(user=chair, text__contains="Báo cáo quý 2").exists()


def test_reminder_with_nobody_to_reach_shows_message(client, commune, culture_user):
    task = make_task(commune)
    client.force_login(culture_user)
    response = client.post(url("remind", commune, pk=task.pk), follow=True)
    assert "Không có ai để nhắc" in response.content.decode()


def test_assignee_reports_progress_with_evidence_and_others_cannot(client, commune):
    finance = member(commune, Role.FINANCE)
    other = member(commune, Role.FINANCE)
    task = make_task(commune, assignee_user=finance)
    client.force_login(other)
    assert client.get(url("progress", commune, pk=task.pk)).status_code == 403
    client.force_login(finance)
    response = client.post(
        url("progress", commune, pk=task.pk),
        {
            "status": "in_progress",
            "progress_pct": "60",
            "note": "Đã in 500 tờ rơi",
            "evidence": [SimpleUploadedFile("to-roi.pdf", b"%PDF-1.4\n%%EOF\n")],
        },
    )
    assert response.status_code == 302
    evidence = task.updates.get().evidence.get()
    download = client.get(reverse("tasks:evidence", args=[commune.slug, evidence.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_bad_evidence_shows_error_at_the_field(client, commune, culture_user):
    task = make_task(commune)
    client.force_login(culture_user)
    response = client.post(
        url("progress", commune, pk=task.pk),
        {
            "status": "done",
            "evidence": [SimpleUploadedFile("anh.jpg", b"not an image at all")],
        },
    )
    assert response.status_code == 200
    assert "không phải ảnh" in response.content.decode()
    assert not task.updates.exists()


def test_evidence_of_other_commune_is_404(client, commune, other_commune, culture_user):
    task = make_task(other_commune)
    update = task_report_progress(
        task=task,
        actor=None,
        status="in_progress",
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n")],
    )
    client.force_login(culture_user)
    pk = update.evidence.get().pk
    assert client.get(reverse("tasks:evidence", args=[commune.slug, pk])).status_code == 404
    media = client.get("/media/" + update.evidence.get().file.name)
    assert media.status_code == 404


def test_outsider_gets_404(client, commune, outsider):
    task = make_task(commune)
    client.force_login(outsider)
    for name in ("detail", "edit", "progress"):
        assert client.get(url(name, commune, pk=task.pk)).status_code == 404
    assert client.post(url("remind", commune, pk=task.pk)).status_code == 404


def test_wrong_methods(client, commune, culture_user):
    task = make_task(commune)
    client.force_login(culture_user)
    assert client.post(url("list", commune)).status_code == 405
    assert client.post(url("detail", commune, pk=task.pk)).status_code == 405
    assert client.get(url("remind", commune, pk=task.pk)).status_code == 405
    assert client.get(url("delete", commune, pk=task.pk)).status_code == 405


def test_detail_and_list_pages_render(client, commune, culture_user):
    task = make_task(commune, assignee_user=culture_user)
    task_report_progress(task=task, actor=culture_user, status="blocked", note="Thiếu loa")
    client.force_login(culture_user)
    page = client.get(url("detail", commune, pk=task.pk)).content.decode()
    assert "Thiếu loa" in page and "Vướng mắc" in page
    listing = client.get(url("list", commune) + "?status=blocked").content.decode()
    assert task.title in listing


def test_list_selectors_query_counts(commune, django_assert_max_num_queries):
    for i in range(10):
        make_task(commune, title=f"Việc {i}", assignee_user=member(commune, Role.CHAIR))
    with django_assert_max_num_queries(1):
        rows = list(task_list(commune=commune))
        assert [str(t.assignee_name) for t in rows]
    with django_assert_max_num_queries(1):
        list(task_series_list(commune=commune))


def test_home_attention_lists_overdue_tasks(commune, culture_user):
    make_task(commune, due_on=dt.date(2023, 1, 1))
    items = attention_items(commune, scope_for(culture_user, commune))
    assert any("1 nhiệm vụ quá hạn" in i.text and i.level == "danger" for i in items)


def test_delete_task(client, commune, culture_user):
    task = make_task(commune)
    client.force_login(culture_user)
    assert client.post(url("delete", commune, pk=task.pk))["Location"] == url("list", commune)
    assert not Task.objects.exists()
