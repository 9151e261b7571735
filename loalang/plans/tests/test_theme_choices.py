"""Tagging with themes: only the plan in force is offered, each theme labelled with its year."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from loalang.plans.selectors import plan_current, theme_choices, theme_label
from loalang.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 0), tick=False)
def test_only_the_current_plans_themes_are_offered_with_the_year(commune):
    old = make_plan(commune, year=2025)
    new = make_plan(commune, year=2026)
    offered = list(theme_choices(commune=commune))
    assert offered and {t.plan_id for t in offered} == {new.pk}
    assert theme_label(offered[0]).endswith("(kế hoạch 2026)")
    # A record already tagged with last year's theme keeps it (editing never drops a tag).
    kept = old.themes.first()
    again = theme_choices(commune=commune, keep=[kept])
    assert kept in again and len({t.plan.year for t in again}) == 2


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 0), tick=False)
def test_without_a_plan_this_year_the_latest_earlier_plan_is_current(commune, other_commune):
    make_plan(commune, year=2024)
    last = make_plan(commune, year=2025)
    make_plan(commune, year=2027)
    assert plan_current(commune=commune) == last
    assert plan_current(commune=other_commune) is None
    assert list(theme_choices(commune=other_commune)) == []


@time_machine.travel(dt.datetime(2026, 5, 1, 9, 0), tick=False)
def test_article_and_bulletin_forms_offer_this_years_themes_only(commune):
    from loalang.portal.forms import ArticleForm
    from loalang.radio.forms import BulletinForm

    make_plan(commune, year=2025)
    make_plan(commune, year=2026)
    for form in (ArticleForm(commune=commune), BulletinForm(commune=commune)):
        labels = [label for _value, label in form.fields["themes"].choices]
        assert labels, form
        assert all(str(label).endswith("(kế hoạch 2026)") for label in labels), labels
        assert len(labels) == len(set(labels))
