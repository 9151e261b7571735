"""Plan services: creation, editing, lifecycle, numbering, versions, revisions."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from loalang.core.models import AuditEntry
from loalang.plans import services
from loalang.plans.data import plan_data
from loalang.plans.models import LegalDocument, Plan, PlanRevision
from loalang.plans.tests.factories import full_data, make_plan

pytestmark = pytest.mark.django_db


def test_create_fills_commune_header(commune, culture_user):
    plan = services.plan_create(commune=commune, actor=culture_user, title="Thử", year=2024)
    assert plan.status == Plan.Status.DRAFT
    assert plan.issuer_lines == ["ỦY BAN NHÂN DÂN", f"XÃ {commune.name.upper()}"]
    assert plan.place == commune.name
    assert plan.revisions.count() == 1
    assert AuditEntry.objects.filter(verb="plan.created", target_id=str(plan.pk)).exists()


def test_legal_documents_are_reused_across_plans(commune, culture_user):
    make_plan(commune, culture_user, year=2024)
    make_plan(commune, culture_user, year=2025)
    assert LegalDocument.objects.filter(commune=commune).count() == 2


def test_submit_refuses_empty_required_sections(commune, culture_user):
    plan = services.plan_create(commune=commune, actor=culture_user, title="Thử", year=2024)
    with pytest.raises(ValidationError) as err:
        services.plan_submit(plan=plan, actor=culture_user)
    assert "themes" in err.value.message_dict
    assert "Chưa có nội dung tuyên truyền nào." in err.value.message_dict["themes"]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_legal_basis_dated_after_plan_is_refused(commune, culture_user, chair_user):
    data = full_data(year=2024)
    data["legal_bases"][0]["issued_on"] = "2024-06-01"
    plan = services.plan_create_from_data(commune=commune, actor=culture_user, data=data)
    plan = services.plan_submit(plan=plan, actor=culture_user)
    plan = services.plan_approve(plan=plan, actor=chair_user)
    with pytest.raises(ValidationError) as err:
        services.plan_issue(plan=plan, actor=chair_user, issued_on=dt.date(2024, 1, 5))
    assert "ban hành sau ngày của kế hoạch" in err.value.message_dict["legal_bases"][0]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.number == ""


def test_issue_assigns_next_number_per_symbol_and_year(commune, chair_user):
    a = make_plan(commune, chair_user, status="approved")
    b = make_plan(commune, chair_user, status="approved")
    c = make_plan(commune, chair_user, status="approved", symbol="KH-BCĐ")
    d = make_plan(commune, chair_user, status="approved")
    a = services.plan_issue(plan=a, actor=chair_user, issued_on=dt.date(2024, 1, 5))
    b = services.plan_issue(plan=b, actor=chair_user, issued_on=dt.date(2024, 2, 1))
    c = services.plan_issue(plan=c, actor=chair_user, issued_on=dt.date(2024, 2, 1))
    d = services.plan_issue(plan=d, actor=chair_user, issued_on=dt.date(2025, 1, 2))
    assert (a.number_symbol, b.number_symbol) == ("01/KH-UBND", "02/KH-UBND")
    assert c.number_symbol == "01/KH-BCĐ"
    assert d.number_symbol == "01/KH-UBND"  # numbering restarts each year


def test_numbers_are_per_commune(commune, other_commune, chair_user):
    a = make_plan(commune, chair_user, status="approved")
    b = make_plan(other_commune, chair_user, status="approved")
    day = dt.date(2024, 3, 1)
    assert services.plan_issue(plan=a, actor=chair_user, issued_on=day).number == "01"
    assert services.plan_issue(plan=b, actor=chair_user, issued_on=day).number == "01"


def test_issued_plan_is_immutable_and_new_version_supersedes(commune, culture_user, chair_user):
    plan = make_plan(commune, culture_user, status="approved")
    plan = services.plan_issue(plan=plan, actor=chair_user, issued_on=dt.date(2024, 1, 5))
    with pytest.raises(ValidationError):
        services.plan_update_section(plan=plan, actor=culture_user, section="purposes", value=[])
    draft = services.plan_new_version(plan=plan, actor=culture_user)
    assert draft.version == 2 and draft.supersedes == plan and draft.number == ""
    with pytest.raises(ValidationError):
        services.plan_new_version(plan=plan, actor=culture_user)
    draft = services.plan_update_section(
        plan=draft, actor=culture_user, section="purposes", value=["Mục đích mới."]
    )
    services.plan_submit(plan=draft, actor=culture_user)
    services.plan_approve(plan=draft, actor=chair_user)
    draft = services.plan_issue(plan=draft, actor=chair_user, issued_on=dt.date(2024, 3, 1))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUPERSEDED
    assert draft.number == "02"


def test_copy_for_next_year(commune, culture_user):
    plan = make_plan(commune, culture_user, year=2023)
    copy = services.plan_copy_for_year(plan=plan, actor=culture_user, year=2024)
    assert copy.year == 2024 and copy.copied_from == plan
    assert copy.title.endswith("năm 2024")
    assert copy.themes.count() == plan.themes.count()
    assert [d.text for d in copy.assignments.first().duties.all()] == [
        d.text for d in plan.assignments.first().duties.all()
    ]


def test_reorder_keeps_rows_and_letters(commune, culture_user):
    plan = make_plan(commune, culture_user)
    themes = plan_data(plan)["themes"]
    ids_before = list(plan.themes.values_list("pk", flat=True))
    reordered = [themes[1], themes[0], *themes[2:]]
    for i, theme in enumerate(reordered):
        theme["letter"] = "abcdeg"[i]
    services.plan_update_section(plan=plan, actor=culture_user, section="themes", value=reordered)
    assert list(plan.themes.values_list("pk", flat=True)) == ids_before
    assert plan.themes.first().text == themes[1]["text"]


def test_malformed_number_and_symbol_are_refused(commune, culture_user):
    plan = make_plan(commune, culture_user)
    with pytest.raises(ValidationError) as err:
        services.plan_update_section(
            plan=plan, actor=culture_user, section="header", value={"symbol": "kh ubnd"}
        )
    assert "symbol" in err.value.message_dict
    plan.number = "7a"
    with pytest.raises(ValidationError) as err:
        plan.full_clean()
    assert "number" in err.value.message_dict


def test_each_change_records_a_revision(commune, culture_user):
    plan = make_plan(commune, culture_user)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="header", value={"closing": "Kết thúc./."}
    )
    revisions = list(PlanRevision.objects.filter(plan=plan).order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[-1].data["closing"] == "Kết thúc./."


def test_delete_only_drafts(commune, culture_user):
    plan = make_plan(commune, culture_user, status="submitted")
    with pytest.raises(ValidationError):
        services.plan_delete(plan=plan, actor=culture_user)


@pytest.mark.django_db(transaction=True)
def test_two_people_issuing_at_once_get_different_numbers(commune, chair_user):
    """Two threads, two connections, two transactions issuing at the same moment."""
    plans = [make_plan(commune, chair_user, status="approved") for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[str] = []
    errors: list[BaseException] = []

    def issue(plan: Plan) -> None:
        try:
            barrier.wait(timeout=10)
            issued = services.plan_issue(plan=plan, actor=chair_user, issued_on=dt.date(2024, 5, 1))
            results.append(issued.number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("in-memory SQLite shares one cache; see test_number_next_serialises")
    threads = [threading.Thread(target=issue, args=(p,)) for p in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["01", "02"]


def test_plan_from_the_register_refuses_a_date_before_its_legal_bases(commune, chair_user):
    """A plan issued on paper before it was entered here is issued from the register with
    the number and date printed on it; that date cannot precede what the plan cites."""
    from loalang.documents.tests.test_issuing import a_pdf, register_commune, upload

    register_commune(commune)
    plan = make_plan(commune, chair_user, status="approved")
    with pytest.raises(ValidationError) as err:
        services.plan_issue(
            plan=plan, actor=chair_user, number="5", issued_on=dt.date(2022, 1, 1),
            signed_pdf=upload(a_pdf()),
        )  # fmt: skip
    assert "legal_bases" in err.value.message_dict


def test_correcting_a_citation_never_changes_an_issued_plan(commune, culture_user, chair_user):
    issued = make_plan(commune, culture_user, status="approved")
    issued = services.plan_issue(plan=issued, actor=chair_user, issued_on=dt.date(2024, 1, 5))
    draft = services.plan_copy_for_year(plan=issued, actor=culture_user, year=2025)
    bases = plan_data(draft)["legal_bases"]
    bases[0]["summary"] = "về nội dung đã sửa"
    services.plan_update_section(plan=draft, actor=culture_user, section="legal_bases",
                                 value=bases)  # fmt: skip
    assert plan_data(draft)["legal_bases"][0]["summary"] == "về nội dung đã sửa"
    assert plan_data(issued)["legal_bases"][0]["summary"].startswith("về truyền thông")


def test_removing_a_theme_recounts_the_activity_summaries(commune, culture_user):
    from loalang.activities.summary import coverage_rebuild
    from loalang.reports.models import ReportFact
    from loalang.reports.tests.factories import activity

    plan = make_plan(commune, culture_user)
    last = plan.themes.order_by("sort_order").last()
    activity(commune, on=dt.date(2024, 3, 5), themes=(last,))
    coverage_rebuild(commune=commune)
    theme_facts = ReportFact.objects.filter(commune=commune, dim="t", source="activity")
    assert list(theme_facts.values_list("dim_id", flat=True)) == [last.pk]
    themes = plan_data(plan)["themes"][:-1]
    services.plan_update_section(plan=plan, actor=culture_user, section="themes", value=themes)
    assert list(theme_facts.values_list("dim_id", flat=True)) == [None]


def test_plan_publish_puts_the_issued_plan_on_the_portal_once(commune, culture_user):
    from loalang.portal.models import PublishedDocument

    plan = make_plan(commune, status="approved")
    plan = services.plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 1, 5))
    first = services.plan_publish(plan=plan, actor=culture_user)
    again = services.plan_publish(plan=plan, actor=culture_user)
    assert first.pk == again.pk and PublishedDocument.objects.filter(commune=commune).count() == 1
    assert again.number == "01/KH-UBND" and again.doc_type == "ke_hoach"
    assert again.pdf.read().startswith(b"%PDF")


def test_plan_publish_refuses_a_plan_that_is_not_issued(commune, culture_user):
    from loalang.portal.models import PublishedDocument

    plan = make_plan(commune, status="approved")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.plan_publish(plan=plan, actor=culture_user)
    assert not PublishedDocument.objects.exists()
