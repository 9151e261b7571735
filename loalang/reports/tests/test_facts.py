"""Monthly facts (ADR 0075): the numbers computed from facts equal the live computation, for
every rule and parameter, every window shape and breakdown, and stay equal as services change
what counts."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from loalang.activities import services as activity_services
from loalang.activities.details import (
    BulletinIssue,
    PropagandistSession,
    SmsCampaign,
    SocialPost,
    VisualItem,
)
from loalang.activities.models import Activity
from loalang.activities.summary import coverage_rebuild
from loalang.budget.models import EstimateLine, FundingSource, Spending
from loalang.events.models import Event
from loalang.plans.models import Plan, PlanTheme
from loalang.portal.models import Question
from loalang.reports import facts
from loalang.reports.compute import Window, compute_values
from loalang.reports.models import ReportFact, ReportFactMonth
from loalang.reports.rules import ACTIVITY, RULES, Rule
from loalang.reports.selectors import commune_report_data, indicator_set_for
from loalang.reports.tests.factories import activity, guidance, printed
from loalang.testing.factories import CommuneFactory, VillageFactory

D = dt.date
pytestmark = pytest.mark.django_db


@dataclass
class Ind:
    code: str
    rule: str
    params: dict[str, Any] = field(default_factory=dict)


def _every_indicator() -> list[Ind]:
    """Each rule bare, and once per value of each of its choice parameters."""
    out = []
    for code, rule in RULES.items():
        out.append(Ind(f"{code}", code))
        for param in rule.params:
            for value in (param.choices() if param.choices else [])[:6]:
                out.append(Ind(f"{code}:{param.name}={value}", code, {param.name: value}))
    return [i for i in out if not any(p.required and not i.params for p in RULES[i.rule].params)]


def _seed(communes, rnd: random.Random) -> None:
    kinds = list(Activity.Kind.values)
    for commune in communes:
        villages = [VillageFactory(commune=commune) for _ in range(3)]
        plan = Plan.objects.create(commune=commune, title="Kế hoạch", year=2023)
        themes = [
            PlanTheme.objects.create(plan=plan, letter=x, short_name=x, text="…") for x in "abc"
        ]
        funds = [
            FundingSource.objects.create(plan=plan, kind=kind, name=kind)
            for kind in FundingSource.Kind.values[:2]
        ]
        for i in range(60):
            on = D(2022, 11, 1) + dt.timedelta(days=rnd.randrange(430))
            kind = rnd.choice(kinds)
            kw: dict[str, Any] = {
                "on": on,
                "status": rnd.choice(["verified"] * 4 + ["reported"]),
                "villages": tuple(rnd.sample(villages, rnd.randrange(3))),
                "themes": tuple(rnd.sample(themes, rnd.randrange(3))),
                "reach": rnd.choice([None, rnd.randrange(1, 300)]),
                "minutes": rnd.choice([None, rnd.randrange(1, 30)]),
                "cost_vnd": rnd.randrange(0, 500_000, 1000),
                "funding_source": rnd.choice([None, *funds]),
            }
            if kind == "printed":
                dist = {v: rnd.randrange(1, 40) for v in rnd.sample(villages, rnd.randrange(3))}
                printed(commune, copies=rnd.randrange(10, 300), distributed=dist, **kw)
                continue
            if kind == "team_guidance":
                platforms = {"vneid_level2": (rnd.randrange(9), rnd.randrange(9))}
                guidance(commune, households=i, people=2 * i, platforms=platforms, **kw)
                continue
            act = activity(commune, kind, **kw)
            if kind == "event":
                Event.objects.create(
                    activity=act,
                    event_kind=rnd.choice(Event.EventKind.values),
                    officials=rnd.randrange(9),
                    residents=rnd.randrange(50),
                    women=rnd.randrange(9),
                )
            elif kind == "social":
                SocialPost.objects.create(
                    activity=act, platform=rnd.choice(SocialPost.Platform.values)
                )
            elif kind == "visual":
                VisualItem.objects.create(
                    activity=act,
                    item_kind=rnd.choice(VisualItem.ItemKind.values),
                    text="…",
                    quantity=rnd.randrange(1, 5),
                )
            elif kind == "bulletin":
                BulletinIssue.objects.create(activity=act, copies=rnd.randrange(200))
            elif kind == "propagandist":
                PropagandistSession.objects.create(activity=act, sessions=rnd.randrange(1, 3))
            elif kind == "sms":
                SmsCampaign.objects.create(activity=act, messages_sent=rnd.randrange(900))
        # The live sources: the spending book and portal questions (hand-written SQL).
        lines = [
            EstimateLine.objects.create(funding_source=f, title=f.name, amount_vnd=10**7)
            for f in funds
        ]
        for act in rnd.sample(list(Activity.objects.filter(commune=commune)), 15):
            Spending.objects.create(
                line=rnd.choice(lines),
                activity=act,
                amount_vnd=rnd.randrange(1000, 900_000, 1000),
                spent_on=D(2022, 11, 1) + dt.timedelta(days=rnd.randrange(430)),
            )
        for _ in range(12):
            asked = dt.datetime(2022, 11, 1, tzinfo=dt.UTC) + dt.timedelta(
                hours=rnd.randrange(430 * 24)
            )
            # Some answers land just after local midnight (UTC+7): the local date counts.
            answered = rnd.choice([None, asked + dt.timedelta(hours=rnd.randrange(1, 200))])
            question = Question.objects.create(
                commune=commune, category=Question.Category.values[0], subject="?", body="?"
            )
            Question.objects.filter(pk=question.pk).update(created_at=asked, answered_at=answered)
        edge = Question.objects.create(
            commune=commune, category=Question.Category.values[0], subject="?", body="?"
        )
        Question.objects.filter(pk=edge.pk).update(
            created_at=dt.datetime(2023, 1, 31, 17, 0, tzinfo=dt.UTC),  # 1 February, local
            answered_at=dt.datetime(2023, 2, 28, 17, 30, tzinfo=dt.UTC),  # 1 March, local
        )


WINDOWS = [
    Window.for_period(D(2023, 1, 1), D(2023, 12, 31)),  # a year
    Window.for_period(D(2023, 6, 1), D(2023, 6, 30)),  # a month, cumulative from January
    Window.for_period(D(2023, 3, 15), D(2023, 4, 10)),  # custom, partial months
    Window.for_period(D(2022, 12, 1), D(2023, 2, 28)),  # across a year end
    Window.for_period(D(2023, 7, 1), D(2023, 12, 31)),  # six months
    Window(D(2023, 2, 10), D(2023, 11, 20), D(2022, 11, 5)),  # odd cumulative start
]


def _both(indicators, ids, window, group_by):
    kwargs = {"commune_ids": ids, "window": window, "group_by": group_by}
    return (
        compute_values(indicators, use_facts=True, **kwargs),
        compute_values(indicators, use_facts=False, **kwargs),
    )


def test_facts_give_the_live_numbers_for_every_rule_window_and_breakdown():
    communes = [CommuneFactory(), CommuneFactory()]
    _seed(communes, random.Random(7))
    facts.facts_rebuild()
    assert ReportFactMonth.objects.filter(commune=communes[0]).exists()
    indicators = _every_indicator()
    ids = [c.pk for c in communes]
    for window in WINDOWS:
        split = facts.split_window(ids, window.date_from, window.date_to, window.cum_from)
        assert split.months, window  # the facts are really used
        for group_by in ("commune", "village", "theme"):
            from_facts, live = _both(indicators, ids, window, group_by)
            assert from_facts == live, (window, group_by)
            assert live  # not comparing two empty results


def test_a_report_is_the_same_with_and_without_facts(commune):
    _seed([commune], random.Random(3))
    for start, end in [(D(2023, 1, 1), D(2023, 12, 31)), (D(2023, 2, 14), D(2023, 5, 3))]:
        window = Window.for_period(start, end)
        kwargs = {"commune": commune, "indicator_set": indicator_set_for(commune)}
        ReportFactMonth.objects.all().delete()
        live = commune_report_data(window=window, **kwargs)
        facts.facts_rebuild()
        from_facts = commune_report_data(window=window, **kwargs)
        live.computed_at = from_facts.computed_at
        assert from_facts == live
        assert sum(row.activities for row in live.by_month) > 0


def test_a_commune_without_facts_makes_the_months_live_for_the_whole_scope():
    built, unbuilt = CommuneFactory(), CommuneFactory()
    _seed([built, unbuilt], random.Random(11))
    facts.facts_rebuild(commune_id=built.pk)
    window = Window.for_period(D(2023, 1, 1), D(2023, 12, 31))
    ids = [built.pk, unbuilt.pk]
    assert not facts.split_window(ids, window.date_from, window.date_to, window.cum_from).months
    from_facts, live = _both(_every_indicator(), ids, window, "commune")
    assert from_facts == live


def test_a_commune_that_logged_nothing_does_not_make_the_province_live(commune, other_commune):
    activity(commune, "radio_broadcast", on=D(2023, 3, 5), minutes=10)
    facts.facts_rebuild(commune_id=commune.pk)  # other_commune has no activity, no marks
    ids = [commune.pk, other_commune.pk]
    split = facts.split_window(ids, D(2023, 3, 1), D(2023, 3, 31), D(2023, 3, 1))
    assert split.months == (202303,) and split.live == ()
    # A verified activity that was never summarised keeps that month live for everyone.
    activity(other_commune, "radio_broadcast", on=D(2023, 3, 20), minutes=5)
    split = facts.split_window(ids, D(2023, 3, 1), D(2023, 3, 31), D(2023, 3, 1))
    assert split.months == ()
    window = Window.for_period(D(2023, 3, 1), D(2023, 3, 31))
    minutes = [Ind("m", "sum_minutes")]
    assert compute_values(minutes, commune_ids=ids, window=window) == {
        commune.pk: {"m": (10, 10)},
        other_commune.pk: {"m": (5, 5)},
    }


def test_split_window_keeps_whole_built_months_and_leaves_the_edges_live(commune):
    ReportFactMonth.objects.bulk_create(
        [ReportFactMonth(commune=commune, ym=ym) for ym in (202301, 202302, 202303, 202305)]
    )
    activity(commune, on=D(2023, 4, 12))  # April has verified work that was never summarised
    split = facts.split_window([commune.pk], D(2023, 2, 15), D(2023, 5, 31), D(2023, 1, 1))
    # February straddles the period start; April is not built.
    assert split.months == (202301, 202303, 202305)
    assert split.live == ((D(2023, 2, 1), D(2023, 2, 28)), (D(2023, 4, 1), D(2023, 4, 30)))
    period = split.period_only(D(2023, 2, 15))
    assert period.months == (202303, 202305)
    assert period.live == ((D(2023, 2, 15), D(2023, 2, 28)), (D(2023, 4, 1), D(2023, 4, 30)))


def test_services_keep_the_facts_current(commune, culture_user):
    village = VillageFactory(commune=commune)
    act = activity(commune, "radio_broadcast", on=D(2023, 3, 5), status="reported", reach=40)
    act.villages.set([village])
    activity_services.activity_verify(activity=act, actor=culture_user)
    assert ReportFactMonth.objects.filter(commune=commune, ym=202303).exists()
    fact = ReportFact.objects.get(commune=commune, ym=202303, source="activity", dim="c")
    assert (fact.k1, fact.n, fact.s1) == ("radio_broadcast", 1, 40)

    window = Window.for_period(D(2023, 3, 1), D(2023, 3, 31))
    reach = [Ind("reach", "sum_reach")]
    assert compute_values(reach, commune_ids=[commune.pk], window=window) == {
        commune.pk: {"reach": (40, 40)}
    }
    # Moved to April while returned for correction, then verified again: March is empty now.
    activity_services.activity_return(activity=act, actor=culture_user, comment="Sửa ngày")
    assert not ReportFact.objects.filter(commune=commune, ym=202303).exists()
    act.refresh_from_db()
    activity_services.activity_update(
        activity=act,
        actor=culture_user,
        fields={"held_on": D(2023, 4, 2)},
        detail={"station": "Đài truyền thanh xã"},
    )
    activity_services.activity_verify(activity=act, actor=culture_user)
    assert compute_values(reach, commune_ids=[commune.pk], window=window) == {}
    april = Window.for_period(D(2023, 4, 1), D(2023, 4, 30))
    assert compute_values(reach, commune_ids=[commune.pk], window=april) == {
        commune.pk: {"reach": (40, 40)}
    }


def test_coverage_rebuild_command_rebuilds_the_facts(commune):
    activity(commune, "radio_broadcast", on=D(2023, 8, 5), minutes=12)
    activity(commune, "radio_broadcast", on=D(2023, 10, 5), minutes=8)
    assert not ReportFact.objects.exists()
    call_command("coverage_rebuild", verbosity=0)
    months = set(ReportFactMonth.objects.filter(commune=commune).values_list("ym", flat=True))
    assert months == {202308, 202309, 202310}
    assert ReportFact.objects.filter(commune=commune, dim="c", source="activity").count() == 2
    # A stale fact row is replaced, not added to.
    coverage_rebuild(commune=commune)
    assert ReportFact.objects.filter(commune=commune, dim="c", source="activity").count() == 2


def test_a_filter_the_facts_cannot_answer_falls_back_to_live(commune, monkeypatch):
    rule = Rule(
        "not_events", "Không phải sự kiện", ACTIVITY, "count", where=lambda p: ~Q(kind="event")
    )
    monkeypatch.setitem(RULES, rule.code, rule)
    assert facts.fact_filter(ACTIVITY, rule, {}, [commune.pk]) is None
    activity(commune, "event", on=D(2023, 5, 5))
    activity(commune, "radio_broadcast", on=D(2023, 5, 6))
    activity(commune, "sms", on=D(2023, 5, 7))
    facts.facts_rebuild()
    window = Window.for_period(D(2023, 5, 1), D(2023, 5, 31))
    indicators = [Ind("n", "not_events"), Ind("all", "count_activities")]
    assert compute_values(indicators, commune_ids=[commune.pk], window=window) == {
        commune.pk: {"n": (2, 2), "all": (3, 3)}
    }
