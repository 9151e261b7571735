"""Every workflow step tells the next person — and nobody else — and what waits for them shows
on their home page until it is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from loalang.activities.services import activity_return
from loalang.activities.tests.factories import ActivityFactory
from loalang.notifications.models import Notification
from loalang.plans.services import plan_approve, plan_issue, plan_return, plan_submit
from loalang.plans.tests.factories import make_plan
from loalang.portal.services.articles import (
    article_publish,
    article_return,
    article_save,
    article_submit,
)
from loalang.portal.services.feedback import question_submit
from loalang.radio.services.bulletins import (
    bulletin_approve,
    bulletin_create_draft,
    bulletin_return,
    bulletin_submit,
)
from loalang.reports.services import report_issue, report_return, report_submit
from loalang.reports.tests.factories import report as make_report
from loalang.tasks.followup import digest_send
from loalang.tasks.tests.factories import make_task
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


class Told:
    """Who got a notification since the last look, and what it said."""

    def __init__(self) -> None:
        self.last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def __call__(self) -> dict[str, list[str]]:
        new = Notification.objects.filter(id__gt=self.last).select_related("user").order_by("id")
        told: dict[str, list[str]] = {}
        for n in new:
            told.setdefault(n.user.username, []).append(n.text)
            self.last = n.id
        return told


def _names(world, *roles: str) -> set[str]:
    return {world.users[r].username for r in roles}


def _home(client, world, role: str) -> str:
    client.force_login(world.users[role])
    return client.get(reverse("home:commune_home", args=[world.commune.slug])).content.decode()


def test_plan_submitted_tells_approvers_and_review_tells_the_submitter(world, client):
    culture, chair = world.users["culture"], world.users["chair"]
    plan = make_plan(world.commune, culture, year=timezone.localdate().year)
    told = Told()

    plan = plan_submit(plan=plan, actor=culture)
    assert set(told()) == _names(world, "chair", "vice_chair")
    assert "kế hoạch đang chờ duyệt" in _home(client, world, "chair")

    plan = plan_return(plan=plan, actor=chair, note="Bổ sung kinh phí mục III")
    got = told()
    assert set(got) == {culture.username}
    assert "trả lại" in got[culture.username][0]
    assert "Bổ sung kinh phí mục III" in got[culture.username][0]
    assert plan.title in _home(client, world, "culture")

    plan = plan_submit(plan=plan, actor=culture)
    told()
    plan = plan_approve(plan=plan, actor=chair, note="Đồng ý")
    assert set(got := told()) == {culture.username}
    assert "Đồng ý" in got[culture.username][0]
    assert plan.title not in _home(client, world, "culture")  # no longer returned

    plan_issue(plan=plan, actor=chair)
    got = told()
    assert set(got) == {culture.username}
    assert "ban hành" in got[culture.username][0]


def test_report_waiting_reaches_the_chair_home_and_return_reaches_its_author(world, client):
    culture, chair = world.users["culture"], world.users["chair"]
    report = make_report(world.commune, created_by=culture)
    told = Told()

    report_submit(report=report, actor=culture)
    assert set(told()) == _names(world, "chair", "vice_chair")
    assert "báo cáo đang chờ anh/chị duyệt" in _home(client, world, "chair")
    assert "báo cáo đang chờ" not in _home(client, world, "culture")

    report_return(report=report, actor=chair, note="Sửa số liệu quý IV")
    got = told()
    assert set(got) == {culture.username}
    assert "Sửa số liệu quý IV" in got[culture.username][0]
    home = _home(client, world, "culture")
    assert "bị trả lại" in home and report.title in home
    assert "báo cáo đang chờ anh/chị duyệt" not in _home(client, world, "chair")

    report_submit(report=report, actor=culture)
    told()
    assert "bị trả lại" not in _home(client, world, "culture")
    report_issue(report=report, actor=chair, today=dt.date(2024, 1, 10))
    got = told()
    assert set(got) == {culture.username}
    assert "01/BC-UBND" in got[culture.username][0]


def test_returned_bulletin_reaches_its_author(world, client):
    culture, chair = world.users["culture"], world.users["chair"]
    bulletin = bulletin_create_draft(
        commune=world.commune, title="Lịch tiêm chủng", script="Ngày 15/3 tiêm chủng.",
        actor=culture,
    )  # fmt: skip
    told = Told()
    bulletin_submit(bulletin=bulletin, actor=culture)
    assert set(told()) == _names(world, "chair", "vice_chair")

    bulletin_return(bulletin=bulletin, actor=chair, note="Ghi rõ giờ tiêm")
    got = told()
    assert set(got) == {culture.username}
    assert "Ghi rõ giờ tiêm" in got[culture.username][0]
    client.force_login(culture)
    page = client.get(reverse("notifications:list", args=[world.commune.slug])).content.decode()
    assert "Lịch tiêm chủng" in page  # "Thông báo" is no longer empty
    assert "Lịch tiêm chủng" in _home(client, world, "culture")

    bulletin_submit(bulletin=bulletin, actor=culture)
    told()
    bulletin_approve(bulletin=bulletin, actor=chair)
    assert set(told()) == {culture.username}
    assert "Lịch tiêm chủng" not in _home(client, world, "culture")


def test_article_submitted_tells_editors_and_review_tells_its_author(world, client):
    writer = world.users["culture"]
    editor = member(world.commune, "culture")
    article = article_save(
        commune=world.commune, actor=writer, title="Ví điện tử", body="<p>Một</p>"
    )
    told = Told()
    article_submit(article=article, actor=writer)
    assert set(told()) == {editor.username}

    article_return(article=article, actor=editor, note="Thêm ảnh minh hoạ")
    got = told()
    assert set(got) == {writer.username}
    assert "Thêm ảnh minh hoạ" in got[writer.username][0]
    assert "Ví điện tử" in _home(client, world, "culture")  # on the writer's home until resubmitted

    article_submit(article=article, actor=writer)
    told()
    assert "Ví điện tử được chuyển về bản nháp" not in _home(client, world, "culture")
    article_publish(article=article, actor=editor)
    assert set(told()) == {writer.username}


def test_returned_activity_tells_the_reporter_and_stays_on_their_home(world, client):
    head = world.users["village_head"]
    activity = ActivityFactory(commune=world.commune, recorded_by=head, title="Họp thôn tháng 3")
    told = Told()
    activity_return(activity=activity, actor=world.users["culture"], comment="Thiếu ảnh")
    got = told()
    assert set(got) == {head.username}
    assert "Thiếu ảnh" in got[head.username][0]
    assert "bị trả lại" in _home(client, world, "village_head")


def test_citizen_question_tells_the_officers_only(world):
    told = Told()
    question_submit(
        commune=world.commune, category="vneid", subject="Cài VNeID thế nào?", body="Xin hỏi"
    )
    assert set(told()) == _names(world, "culture")


def test_overdue_task_tells_the_assignee_in_the_daily_job(world):
    head = world.users["village_head"]
    make_task(world.commune, assignee_user=head, due_on=dt.date(2024, 5, 1))
    told = Told()
    digest_send(commune=world.commune, today=dt.date(2024, 5, 10))
    got = told()
    # The assignee, and the Culture-Social officers who follow every task up; nobody else.
    assert set(got) == _names(world, "village_head", "culture")
    assert "1 quá hạn" in got[head.username][0]
