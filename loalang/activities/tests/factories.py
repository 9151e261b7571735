"""Factories for activities tests (plans and themes included: the plans app has none yet)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from loalang.activities.models import Activity
from loalang.plans.models import Plan, PlanTheme
from loalang.testing.factories import CommuneFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    commune = factory.SubFactory(CommuneFactory)
    title = "Truyền thông thực hiện chuyển đổi số trên địa bàn xã năm 2023"
    year = 2023
    status = Plan.Status.ISSUED
    # An issued plan always has its number, date and signer (plans check constraint).
    number = factory.Sequence(lambda n: f"{n % 900_000 + 1:02d}")
    issued_on = dt.date(2023, 1, 10)
    issued_year = 2023
    signer_authority = "TM. ỦY BAN NHÂN DÂN"
    signer_title = "CHỦ TỊCH"
    signer_name = "Hà Văn Minh"


class PlanThemeFactory(DjangoModelFactory):
    class Meta:
        model = PlanTheme

    plan = factory.SubFactory(PlanFactory)
    letter = factory.Iterator(["a", "b", "c", "d", "e", "g"])
    short_name = factory.LazyAttribute(lambda o: f"Nội dung {o.letter}")
    text = "Thông tin, tuyên truyền về chuyển đổi số"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    commune = factory.SubFactory(CommuneFactory)
    kind = Activity.Kind.EVENT
    channel = factory.LazyAttribute(
        lambda o: str(o.kind) if o.kind != "team_guidance" else "team_guidance"
    )
    title = factory.Sequence(lambda n: f"Hội nghị tuyên truyền chuyển đổi số {n}")
    held_on = dt.date(2023, 3, 15)
    reach = 50
    status = Activity.Status.REPORTED


def themes_for(plan: Plan, letters: str = "abcdeg") -> dict[str, PlanTheme]:
    return {x: PlanThemeFactory(plan=plan, letter=x) for x in letters}
