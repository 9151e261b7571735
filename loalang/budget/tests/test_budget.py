from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from loalang.accounts.access import scope_for
from loalang.accounts.models import Role
from loalang.activities.models import Activity
from loalang.budget.models import EstimateLine, Spending
from loalang.budget.selectors import budget_overruns, budget_plan_summary
from loalang.budget.services import (
    estimate_line_decide,
    estimate_line_propose,
    estimate_line_record,
    estimate_line_update,
    spending_record,
)
from loalang.core.models import AuditEntry
from loalang.core.nav import attention_items
from loalang.tasks.tests.factories import make_activity, make_line, make_plan, make_source
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_user(commune):
    return member(commune, Role.FINANCE)


@pytest.fixture
def plan(commune):
    return make_plan(commune)


def test_line_goes_proposed_approved_recorded(
    commune, plan, culture_user, chair_user, finance_user
):
    source = make_source(plan)
    line = estimate_line_propose(
        source=source, actor=culture_user, title="In tờ rơi", amount_vnd=2_000_000
    )
    with pytest.raises(ValidationError):
        estimate_line_record(line=line, actor=finance_user)  # not approved yet
    line = estimate_line_decide(line=line, actor=chair_user, approve=True)
    line = estimate_line_record(line=line, actor=finance_user, voucher_ref="12/QĐ-UBND")
    assert line.status == EstimateLine.Status.RECORDED and line.voucher_ref == "12/QĐ-UBND"
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"estimate_line.proposed", "estimate_line.approved", "estimate_line.recorded"} <= verbs
    with pytest.raises(ValidationError):
        estimate_line_update(line=line, actor=culture_user, amount_vnd=1)


def test_returning_needs_a_reason_and_edit_resubmits(plan, culture_user, chair_user):
    line = make_line(make_source(plan), status=EstimateLine.Status.PROPOSED)
    with pytest.raises(ValidationError):
        estimate_line_decide(line=line, actor=chair_user, approve=False)
    line = estimate_line_decide(line=line, actor=chair_user, approve=False, note="Đơn giá cao")
    assert line.status == EstimateLine.Status.RETURNED
    line = estimate_line_update(line=line, actor=culture_user, amount_vnd=4_000_000)
    assert line.status == EstimateLine.Status.PROPOSED


def test_spending_past_estimate_needs_override_reason(commune, plan, finance_user):
    source = make_source(plan)
    line = make_line(source, amount_vnd=1_000_000)
    a1 = make_activity(commune, plan=plan, cost_vnd=800_000, source=source)
    a2 = make_activity(commune, plan=plan, cost_vnd=500_000, source=source)
    spending_record(line=line, activity=a1, actor=finance_user, amount_vnd=800_000)
    with pytest.raises(ValidationError) as exc:
        spending_record(line=line, activity=a2, actor=finance_user, amount_vnd=500_000)
    assert "vượt dự toán 300.000" in exc.value.message_dict["override_reason"][0]
    assert Spending.objects.count() == 1
    s = spending_record(
        line=line,
        activity=a2,
        actor=finance_user,
        amount_vnd=500_000,
        override_reason="Giá vật tư tăng, đã báo cáo Chủ tịch",
    )
    assert s.is_override
    assert AuditEntry.objects.filter(verb="spending.overridden", target_id=str(s.pk)).exists()
    assert list(budget_overruns(commune=commune)) == [line]


def test_spending_rules(commune, other_commune, plan, finance_user):
    source = make_source(plan)
    line = make_line(source)
    reported = make_activity(commune, plan=plan, cost_vnd=100, status=Activity.Status.REPORTED)
    with pytest.raises(ValidationError, match="đã được xác nhận"):
        spending_record(line=line, activity=reported, actor=finance_user, amount_vnd=100)
    foreign = make_activity(other_commune, cost_vnd=100)
    with pytest.raises(ValidationError, match="không thuộc xã"):
        spending_record(line=line, activity=foreign, actor=finance_user, amount_vnd=100)
    small = make_activity(commune, plan=plan, cost_vnd=100)
    with pytest.raises(ValidationError, match="chỉ còn"):
        spending_record(line=line, activity=small, actor=finance_user, amount_vnd=101)
    proposed = make_line(source, status=EstimateLine.Status.PROPOSED)
    with pytest.raises(ValidationError, match="chưa được ghi sổ"):
        spending_record(line=proposed, activity=small, actor=finance_user, amount_vnd=50)


def test_summary_counts_only_verified_activities(
    commune, plan, finance_user, django_assert_max_num_queries
):
    source = make_source(plan, planned_vnd=10_000_000)
    line = make_line(source, amount_vnd=3_000_000)
    make_line(source, amount_vnd=999, status=EstimateLine.Status.PROPOSED)
    verified = make_activity(commune, plan=plan, cost_vnd=2_000_000, source=source)
    make_activity(
        commune, plan=plan, cost_vnd=7_000_000, source=source, status=Activity.Status.REPORTED
    )
    make_activity(commune, plan=plan, cost_vnd=50_000)  # verified, no source
    spending_record(line=line, activity=verified, actor=finance_user, amount_vnd=1_500_000)
    with django_assert_max_num_queries(4):
        summary = budget_plan_summary(plan=plan)
    row = summary.sources[0]
    assert row.actual_vnd == 2_000_000 and row.estimate_vnd == 3_000_000
    assert row.proposed_vnd == 999 and row.booked_vnd == 1_500_000 and row.unbooked_vnd == 500_000
    assert summary.actual_vnd == 2_050_000 and summary.unfunded_actual_vnd == 50_000
    # The activity is edited and goes back for verification: its money stops counting.
    Activity.objects.filter(pk=verified.pk).update(status=Activity.Status.REPORTED)
    assert budget_plan_summary(plan=plan).sources[0].lines[0].spent_vnd == 0


def test_attention_shows_overrun_to_finance(commune, plan, finance_user):
    source = make_source(plan)
    line = make_line(source, amount_vnd=100)
    a = make_activity(commune, plan=plan, cost_vnd=200, source=source)
    spending_record(
        line=line, activity=a, actor=finance_user, amount_vnd=200, override_reason="Cần"
    )
    items = attention_items(commune, scope_for(finance_user, commune))
    assert any("Chi vượt dự toán" in i.text for i in items)


# --- views ------------------------------------------------------------------------------------
def u(name, commune, **kw):  # type: ignore[no-untyped-def]
    return reverse(f"budget:{name}", kwargs={"commune_slug": commune.slug, **kw})


def test_plan_page_shows_planned_and_actual(client, commune, plan, culture_user):
    source = make_source(plan, planned_vnd=30_000_000)
    make_line(source, amount_vnd=8_000_000)
    make_activity(commune, plan=plan, cost_vnd=1_250_000, source=source)
    client.force_login(culture_user)
    html = client.get(u("plan", commune, plan_pk=plan.pk)).content.decode()
    assert "30.000.000" in html and "8.000.000" in html and "1.250.000" in html


def test_index_redirects_to_only_plan(client, commune, plan, culture_user):
    client.force_login(culture_user)
    assert client.get(u("index", commune))["Location"] == u("plan", commune, plan_pk=plan.pk)


def test_propose_approve_record_spend_through_pages(
    client, commune, plan, culture_user, chair_user, finance_user
):
    source = make_source(plan)
    client.force_login(culture_user)
    client.post(
        u("line_create", commune, source_pk=source.pk),
        {"title": "Băng rôn", "amount_vnd": "1000000"},
    )
    line = EstimateLine.objects.get()
    client.force_login(chair_user)
    client.post(u("line_decide", commune, pk=line.pk), {"decision": "approve"})
    client.force_login(finance_user)
    client.post(u("line_record", commune, pk=line.pk), {"voucher_ref": "5/QĐ"})
    line.refresh_from_db()
    assert line.status == "recorded"
    activity = make_activity(commune, plan=plan, cost_vnd=1_200_000, source=source)
    response = client.post(
        u("spending_create", commune, line_pk=line.pk),
        {"activity": activity.pk, "amount_vnd": "1200000"},
    )
    assert response.status_code == 200
    assert "Cần ghi lý do chi vượt" in response.content.decode()
    response = client.post(
        u("spending_create", commune, line_pk=line.pk),
        {
            "activity": activity.pk,
            "amount_vnd": "1200000",
            "override_reason": "Thêm 2 băng rôn theo chỉ đạo",
        },
    )
    assert response.status_code == 302
    assert Spending.objects.get().is_override


def test_outsider_gets_404(client, commune, plan, outsider):
    line = make_line(make_source(plan))
    client.force_login(outsider)
    assert client.get(u("plan", commune, plan_pk=plan.pk)).status_code == 404
    assert client.get(u("spending_create", commune, line_pk=line.pk)).status_code == 404


def test_other_communes_plan_is_404_for_member(client, commune, other_commune, culture_user):
    foreign = make_plan(other_commune)
    client.force_login(culture_user)
    assert client.get(u("plan", commune, plan_pk=foreign.pk)).status_code == 404


def test_wrong_methods(client, commune, plan, chair_user):
    line = make_line(make_source(plan), status="proposed")
    client.force_login(chair_user)
    assert client.get(u("line_decide", commune, pk=line.pk)).status_code == 405
    assert client.post(u("plan", commune, plan_pk=plan.pk)).status_code == 405


def test_source_and_line_pages_save(client, commune, plan, culture_user):
    client.force_login(culture_user)
    response = client.post(
        u("source_create", commune, plan_pk=plan.pk),
        {
            "kind": "integrated",
            "name": "Chương trình 1719",
            "planned_vnd": "5000000",
            "sort_order": "0",
        },
    )
    assert response["Location"] == u("plan", commune, plan_pk=plan.pk)
    source = plan.funding_sources.get()
    client.post(
        u("source_edit", commune, pk=source.pk),
        {
            "kind": "integrated",
            "name": "Chương trình 1719 (lồng ghép)",
            "planned_vnd": "6000000",
            "sort_order": "0",
        },
    )
    source.refresh_from_db()
    assert source.planned_vnd == 6_000_000 and source.name.endswith("(lồng ghép)")
    line = make_line(source, status=EstimateLine.Status.RETURNED)
    client.post(
        u("line_edit", commune, pk=line.pk),
        {"title": "In tờ rơi", "description": "", "amount_vnd": "700000"},
    )
    line.refresh_from_db()
    assert line.amount_vnd == 700_000 and line.status == EstimateLine.Status.PROPOSED


def test_negative_amount_is_refused_at_the_field(client, commune, plan, culture_user):
    source = make_source(plan)
    client.force_login(culture_user)
    response = client.post(
        u("line_create", commune, source_pk=source.pk), {"title": "x", "amount_vnd": "-5"}
    )
    assert response.status_code == 200 and not EstimateLine.objects.exists()
    assert "errorlist" in response.content.decode()


def test_finance_deletes_spending(client, commune, plan, finance_user):
    source = make_source(plan)
    line = make_line(source)
    activity = make_activity(commune, plan=plan, cost_vnd=1000, source=source)
    s = spending_record(line=line, activity=activity, actor=finance_user, amount_vnd=1000)
    client.force_login(finance_user)
    response = client.post(u("spending_delete", commune, pk=s.pk))
    assert response["Location"] == u("spending_create", commune, line_pk=line.pk)
    assert not Spending.objects.exists()
    assert AuditEntry.objects.filter(verb="spending.deleted").exists()
