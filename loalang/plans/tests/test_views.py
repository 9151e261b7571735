"""Plan pages: happy paths, other-commune 404s, wrong methods, form errors at the field."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from loalang.documents.readback import pdf_text
from loalang.plans.models import Plan
from loalang.plans.services import plan_issue
from loalang.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def url(name, commune, **kwargs):  # type: ignore[no-untyped-def]
    return reverse(f"plans:{name}", kwargs={"commune_slug": commune.slug, **kwargs})


@pytest.fixture
def culture_client(client, culture_user):
    client.force_login(culture_user)
    return client


def test_list_shows_plans(culture_client, commune, django_assert_max_num_queries):
    for year in (2023, 2024, 2025):
        make_plan(commune, year=year)
    with django_assert_max_num_queries(12):
        response = culture_client.get(url("list", commune))
    assert response.status_code == 200
    assert response.content.decode().count("Truyền thông thực hiện chuyển đổi số") == 3


def test_list_selector_query_count(commune, django_assert_max_num_queries):
    from loalang.plans.selectors import plan_list

    for year in (2023, 2024):
        make_plan(commune, year=year)
    with django_assert_max_num_queries(1):
        rows = [(p.title, p.supersedes) for p in plan_list(commune=commune)]
    assert len(rows) == 2


def test_detail_renders_every_section(culture_client, commune, django_assert_max_num_queries):
    plan = make_plan(commune)
    with django_assert_max_num_queries(25):
        response = culture_client.get(url("detail", commune, pk=plan.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thực hiện Kế hoạch số 65/KH-UBND ngày 30/3/2022" in body
    assert "Trình duyệt" in body


def test_outsider_gets_404(client, outsider, commune):
    plan = make_plan(commune)
    client.force_login(outsider)
    for name in ("detail", "preview", "docx", "pdf", "history", "edit_header"):
        assert client.get(url(name, commune, pk=plan.pk)).status_code == 404


def test_plan_of_another_commune_is_404(culture_client, commune, other_commune):
    plan = make_plan(other_commune)
    assert culture_client.get(url("detail", commune, pk=plan.pk)).status_code == 404
    assert culture_client.post(url("submit", commune, pk=plan.pk)).status_code == 404


def test_wrong_methods(culture_client, commune):
    plan = make_plan(commune)
    assert culture_client.get(url("submit", commune, pk=plan.pk)).status_code == 405
    assert culture_client.get(url("import_discard", commune, pk=1)).status_code == 405
    assert culture_client.post(url("detail", commune, pk=plan.pk)).status_code == 405
    assert culture_client.put(url("edit_header", commune, pk=plan.pk)).status_code == 405


def test_create_by_copying_last_year(culture_client, commune):
    source = make_plan(commune, year=2023)
    response = culture_client.post(
        url("create", commune), {"start": "copy", "source": source.pk, "year": 2024}
    )
    plan = Plan.objects.exclude(pk=source.pk).get(commune=commune)
    assert response.status_code == 302 and plan.year == 2024 and plan.copied_from == source


def test_create_from_template_has_decree_49_channels(culture_client, commune):
    culture_client.post(
        url("create", commune), {"start": "template", "title": "Truyền thông CĐS", "year": 2025}
    )
    plan = Plan.objects.get(commune=commune)
    assert plan.channels.count() == 8
    assert plan.assignments.filter(is_standing=True).count() == 1


def test_create_needs_a_title(culture_client, commune):
    response = culture_client.post(url("create", commune), {"start": "blank", "year": 2025})
    assert "Nhập trích yếu của kế hoạch." in response.content.decode()
    assert not Plan.objects.filter(commune=commune).exists()


def test_header_form_rejects_malformed_symbol(culture_client, commune):
    plan = make_plan(commune)
    data = {"title": "X", "year": 2024, "symbol": "kh ubnd", "place": "Xã", "issuer": "UBND"}
    response = culture_client.post(url("edit_header", commune, pk=plan.pk), data)
    assert response.status_code == 200
    assert "Ký hiệu viết hoa" in response.content.decode()
    plan.refresh_from_db()
    assert plan.symbol == "KH-UBND"


def _formset_post(prefix: str, rows: list[dict], initial: int) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_section_editor_reorders_and_deletes(culture_client, commune):
    plan = make_plan(commune)
    rows = [
        {"name": r.name, "purpose": r.purpose, "ORDER": str(5 - i)}
        for i, r in enumerate(plan.recipients.all())
    ]
    rows[0]["DELETE"] = "on"
    rows.append({"name": "", "purpose": "", "ORDER": ""})
    response = culture_client.post(
        url("edit_section", commune, pk=plan.pk, section="recipients"),
        _formset_post("recipients", rows, initial=5),
    )
    assert response.status_code == 302
    names = list(plan.recipients.values_list("name", flat=True))
    assert names == ["Lưu: VT", "Các thôn", "Chủ tịch, các PCT UBND", "TTr Đảng ủy - HĐND"]


def test_legal_basis_number_error_shown_at_field(culture_client, commune):
    plan = make_plan(commune)
    row = {"verb": "Căn cứ", "doc_type": "Kế hoạch", "number": "6a", "symbol": "KH-UBND",
           "issued_on": "2022-02-30", "date_style": "padded", "ORDER": "1"}  # fmt: skip
    response = culture_client.post(
        url("edit_section", commune, pk=plan.pk, section="legal_bases"),
        _formset_post("legal_bases", [row], initial=0),
    )
    body = response.content.decode()
    assert "Số văn bản chỉ gồm chữ số" in body
    assert "Nhập một ngày hợp lệ" in body or "Enter a valid date" in body
    assert plan.legal_bases.count() == 2


def test_unknown_section_is_404(culture_client, commune):
    plan = make_plan(commune)
    assert (
        culture_client.get(url("edit_section", commune, pk=plan.pk, section="x")).status_code == 404
    )


def test_full_lifecycle_through_pages(client, commune, culture_user, chair_user):
    plan = make_plan(commune)
    client.force_login(culture_user)
    client.post(url("submit", commune, pk=plan.pk))
    client.force_login(chair_user)
    client.post(url("approve", commune, pk=plan.pk))
    client.post(url("issue", commune, pk=plan.pk), {"issued_on": "2024-01-05"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED and plan.number_symbol == "01/KH-UBND"
    text = pdf_text(client.get(url("pdf", commune, pk=plan.pk)).content)
    assert "Số: 01/KH-UBND" in text and "ngày 05 tháng 01 năm 2024" in text
    assert "DỰ THẢO" not in text
    client.force_login(culture_user)
    response = client.get(url("edit_header", commune, pk=plan.pk))
    assert response.status_code == 302  # issued: read-only


def test_issue_refuses_future_date(client, commune, chair_user):
    plan = make_plan(commune, status="approved")
    client.force_login(chair_user)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    client.post(url("issue", commune, pk=plan.pk), {"issued_on": future})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED


def test_draft_pdf_is_marked_and_unnumbered(culture_client, commune):
    plan = make_plan(commune)
    text = pdf_text(culture_client.get(url("pdf", commune, pk=plan.pk)).content)
    assert "DỰ THẢO" in text
    assert "/KH-UBND" in text and "01/KH-UBND" not in text


def test_docx_download(culture_client, commune):
    from docx import Document

    plan = make_plan(commune)
    response = culture_client.get(url("docx", commune, pk=plan.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert Document(io.BytesIO(response.content)).paragraphs


def test_history_shows_readable_diff(culture_client, commune):
    from loalang.plans.services import plan_update_section

    plan = make_plan(commune)
    plan_update_section(plan=plan, actor=None, section="purposes", value=["Mục đích mới."])
    body = culture_client.get(url("history", commune, pk=plan.pk)).content.decode()
    assert "diff-added" in body and "- Mục đích mới." in body
    assert "diff-removed" in body


def test_publish_issued_plan_on_portal(client, commune, culture_user):
    from loalang.portal.models import PublishedDocument

    plan = make_plan(commune, status="approved")
    plan = plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 1, 5))
    client.force_login(culture_user)
    client.post(url("publish", commune, pk=plan.pk))
    doc = PublishedDocument.objects.get(commune=commune)
    assert doc.number == "01/KH-UBND" and doc.issued_on == dt.date(2024, 1, 5)
    assert doc.issuer == f"UBND xã {commune.name}"
    assert doc.pdf.read().startswith(b"%PDF")


def test_creating_a_second_plan_for_a_year_warns_and_needs_a_tick(culture_client, commune):
    from loalang.plans.models import Plan

    make_plan(commune, year=2027, title="Kế hoạch truyền thông năm 2027")
    source = make_plan(commune, year=2026)
    post = {"start": "copy", "source": source.pk, "year": 2027, "title": ""}
    response = culture_client.post(url("create", commune), post)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Năm 2027 đã có kế hoạch" in body and "also_for_year" in body
    assert Plan.objects.filter(commune=commune, year=2027).count() == 1
    response = culture_client.post(url("create", commune), {**post, "also_for_year": "on"})
    assert response.status_code == 302
    assert Plan.objects.filter(commune=commune, year=2027).count() == 2


def test_copy_button_asks_first_when_next_year_has_a_plan(culture_client, commune):
    plan = make_plan(commune, year=2026)
    page = culture_client.get(url("detail", commune, pk=plan.pk)).content.decode()
    assert 'data-confirm="Năm 2027' not in page
    make_plan(commune, year=2027)
    page = culture_client.get(url("detail", commune, pk=plan.pk)).content.decode()
    assert 'data-confirm="Năm 2027 đã có kế hoạch' in page
    response = culture_client.post(url("copy", commune, pk=plan.pk), follow=True)
    assert "bản sao này là một dự thảo riêng" in response.content.decode()
