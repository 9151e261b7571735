"""The demo commune lives in the present (ADR 0105): whatever the day `load_demo` runs, the
current year has an issued plan and the last twelve months have work in every village on
several channels, and the people who open the demo see it on their home pages. Loading twice
changes nothing."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, Max

from loalang.activities.coverage import gaps
from loalang.activities.models import Activity
from loalang.places.models import Commune
from loalang.plans.models import Plan
from loalang.portal.models import Article, PublicEvent, Question
from loalang.radio.models import BroadcastLog, Bulletin

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# A December day (the window is one calendar year) and a January day (it spans two plans).
DAYS = [dt.date(2026, 12, 3), dt.date(2027, 1, 6)]


def _load() -> Commune:
    call_command("load_demo", quiet_logins=True, verbosity=0)
    return Commune.objects.get(slug="ai-thuong")


def _state() -> dict[str, object]:
    """Every model's row count, and the demo's records as tuples of what a user sees."""
    counts = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"django_tasks_database", "sessions", "admin"}
        and m._meta.label not in {"core.AuditEntry", "plans.PlanRevision"}
    }
    return {
        "counts": counts,
        "activities": list(
            Activity.objects.order_by("id").values_list("title", "held_on", "status", "reach")
        ),
        "plans": list(
            Plan.objects.order_by("id").values_list("year", "status", "number", "issued_on")
        ),
        "bulletins": list(Bulletin.objects.order_by("id").values_list("title", "status")),
        "airings": list(BroadcastLog.objects.order_by("id").values_list("aired_on", "bulletin")),
        "articles": list(Article.objects.order_by("id").values_list("slug", "published_at")),
        "questions": list(Question.objects.order_by("id").values_list("subject", "status")),
    }


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_demo_has_a_current_year_and_loading_twice_changes_nothing(today):
    with time_machine.travel(dt.datetime.combine(today, dt.time(10), tzinfo=HCM), tick=False):
        commune = _load()
        first = _state()
        _load()
        assert _state() == first

    # The seed plan is kept; the current year (and the previous one) have an issued plan
    # with number, date and signer, marked as sample data.
    seed = Plan.objects.get(commune=commune, year=2023)
    assert (seed.number, seed.issued_on) == ("10", dt.date(2023, 1, 10))
    current = Plan.objects.get(commune=commune, year=today.year)
    assert current.status == Plan.Status.ISSUED and current.is_sample
    assert current.number and current.signer_name and current.issued_on <= today
    assert f"năm {today.year}" in current.title

    # The last twelve months: every village, several channels, a review mix, reach and cost.
    since = today - dt.timedelta(days=365)
    recent = Activity.objects.filter(commune=commune, held_on__gt=since, held_on__lte=today)
    assert not Activity.objects.filter(held_on__gt=today).exists()
    assert recent.filter(is_sample=False).count() == 0
    per_village = dict(
        recent.values_list("villages__name")
        .annotate(n=Count("id"))
        .values_list("villages__name", "n")
    )
    villages = set(commune.villages.values_list("name", flat=True))
    assert villages <= {name for name, n in per_village.items() if n >= 10}
    assert recent.values("channel").distinct().count() >= 6
    statuses = set(recent.values_list("status", flat=True))
    assert statuses == {"verified", "reported", "returned"}
    assert recent.filter(status="verified").count() > 0.8 * recent.count()
    assert recent.filter(cost_vnd__gt=0).exists() and recent.filter(reach__gt=0).count() > 100
    assert recent.filter(evidence__isnull=False).distinct().count() >= 10
    # Activities of this year follow this year's plan.
    this_year = recent.filter(held_on__year=today.year, kind="team_guidance")
    assert this_year.exists() and not this_year.exclude(plan=current).exists()

    # Radio: approved bulletins aired weekly up to last week, one waiting for the Chair.
    last_airing = BroadcastLog.objects.filter(commune=commune).aggregate(m=Max("aired_on"))["m"]
    assert today - dt.timedelta(days=21) < last_airing < today
    assert Bulletin.objects.filter(commune=commune, status="pending", is_sample=True).exists()
    # Portal: articles through the year, questions answered and one waiting, the calendar.
    assert Article.objects.filter(commune=commune, published_at__date__gt=since).count() >= 7
    assert Question.objects.filter(commune=commune, status="new").exists()
    assert Question.objects.filter(commune=commune, status="published").count() >= 3
    assert PublicEvent.objects.filter(commune=commune, starts_at__date__gt=today).exists()


def test_home_pages_show_current_work_and_no_silent_villages(client):
    with time_machine.travel(dt.datetime.combine(DAYS[0], dt.time(10), tzinfo=HCM), tick=False):
        commune = _load()
        village_gaps, theme_gaps = gaps(commune=commune, today=DAYS[0])
        # A theme or two left out for a month is the nudge the page exists for; not all.
        assert village_gaps == [] and len(theme_gaps) <= 2
        for username in ("vanhoa", "chutich", "truongthon"):
            client.login(username=username, password="loalang-demo-2023")
            page = client.get("/app/", follow=True).content.decode()
            assert "chưa có hoạt động được xác nhận trong 30 ngày" not in page
            # What waits for them today (wording may change; the subjects may not).
            if username == "vanhoa":
                assert re.search(r"hoạt động[^<]*chờ xác nhận", page, re.I)
                assert re.search(r"câu hỏi[^<]*người dân", page, re.I)
            if username in ("vanhoa", "chutich"):
                assert re.search(r"bản tin[^<]*chờ duyệt", page, re.I)
            activities = client.get("/app/ai-thuong/hoat-dong/").content.decode()
            assert "/11/2026" in activities, username
            coverage = client.get("/app/ai-thuong/hoat-dong/bao-phu/").content.decode()
            assert "hoạt động gần nhất" not in coverage, username
            client.logout()


def test_loading_on_a_later_day_adds_that_days_work_and_changes_nothing_before():
    def seen() -> set[tuple[object, ...]]:
        return {
            *Activity.objects.values_list("client_token", "title", "held_on", "status"),
            *BroadcastLog.objects.values_list("bulletin__title", "aired_on", "slot"),
        }

    with time_machine.travel(dt.datetime(2026, 12, 3, 10, tzinfo=HCM), tick=False):
        _load()
        before = seen()
    with time_machine.travel(dt.datetime(2026, 12, 24, 10, tzinfo=HCM), tick=False):
        _load()
        after = seen()
    assert before < after  # the new days' work is added, nothing earlier changed or went
    assert not Activity.objects.filter(held_on__gt=dt.date(2026, 12, 24)).exists()
