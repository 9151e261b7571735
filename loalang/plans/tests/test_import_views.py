"""The import pages: paste or upload → a draft kept in the database → every field corrected
on the review page → a draft plan. A failed save loses neither the text nor the edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loalang.plans.models import Plan, PlanImportDraft
from loalang.plans.tests.corpus_score import CORPUS, build_pdf

TEXT = (CORPUS / "01-xa-hoang-son-thanh-hoa.txt").read_text(encoding="utf-8")
WITH_STRAY = TEXT.replace(
    "Trên đây là", "V. CHẾ ĐỘ BÁO CÁO\nBáo cáo kết quả trước ngày 15/12/2024.\nTrên đây là"
)


def _url(name: str, commune: Any, **kw: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"commune_slug": commune.slug, **kw})


def _values(forms: Any) -> dict[str, Any]:
    """What a browser would submit for the review page as shown."""
    out: dict[str, Any] = {}

    def put(form: Any) -> None:
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    out[field.html_name] = "on"
            elif isinstance(value, dt.date):
                out[field.html_name] = value.isoformat()
            elif value is not None:
                out[field.html_name] = value

    put(forms.header)
    for formset in forms.formsets.values():
        put(formset.management_form)
        for form in formset:
            put(form)
    put(forms.unplaced)
    return out


def _start(client: Any, commune: Any, text: str = TEXT) -> PlanImportDraft:
    response = client.post(_url("import", commune), {"text": text})
    draft = PlanImportDraft.objects.get(commune=commune)
    assert response.status_code == 302
    assert response["Location"] == _url("import_review", commune, pk=draft.pk)
    return draft


@pytest.mark.django_db
def test_pasted_plan_becomes_a_review_page_with_every_field_editable(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune)
    response = client.get(_url("import_review", commune, pk=draft.pk))
    body = response.content.decode()
    assert response.status_code == 200 and not Plan.objects.exists()
    for name in ("header-issuer", "header-number", "header-symbol", "header-place",
                 "header-issued_on", "header-title", "header-year", "legal_bases-0-number",
                 "legal_bases-0-issuer", "legal_bases-0-summary", "purposes-1-text",
                 "themes-2-text", "channels-0-channel", "assignments-2-duties",
                 "recipients-0-name", "header-signer_name"):  # fmt: skip
        assert f'name="{name}"' in body, name
    assert 'value="133"' in body and "Hoằng Sơn" in body
    # The parser's note sits beside the field it concerns: no "Nơi nhận" in this text? It has
    # one; the number is blank, and the original's wording is kept for the record.
    assert draft.source_text == TEXT.strip()


@pytest.mark.django_db
def test_corrected_fields_are_saved_as_a_draft_plan(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune)
    forms = client.get(_url("import_review", commune, pk=draft.pk)).context["forms"]
    values = _values(forms)
    values["header-title"] = "Triển khai Đề án 06 trên địa bàn xã năm 2024"
    values["legal_bases-0-issuer"] = "Ủy ban nhân dân huyện Hoằng Hóa"
    values["purposes-0-DELETE"] = "on"
    values["action"] = "save"
    response = client.post(_url("import_review", commune, pk=draft.pk), values)
    plan = Plan.objects.get(commune=commune)
    assert response.status_code == 302 and plan.status == Plan.Status.DRAFT
    assert plan.title == "Triển khai Đề án 06 trên địa bàn xã năm 2024" and plan.year == 2024
    basis = plan.legal_bases.get()
    assert basis.verb == "Thực hiện" and basis.document.reference == "133/KH-UBND"
    assert basis.document.issuer == "Ủy ban nhân dân huyện Hoằng Hóa"
    assert plan.points.filter(kind="purpose").count() == 1
    assert plan.assignments.count() == 3 and plan.themes.count() == 3
    assert not PlanImportDraft.objects.exists()


@pytest.mark.django_db
def test_failed_save_keeps_text_and_corrections_and_names_the_field(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune)
    page = _url("import_review", commune, pk=draft.pk)
    values = _values(client.get(page).context["forms"])
    values.update({"header-title": "Tên đã sửa", "header-symbol": "KH UBND", "action": "save",
                   "legal_bases-0-number": "13a"})  # fmt: skip
    response = client.post(page, values)
    body = response.content.decode()
    assert response.status_code == 422 and not Plan.objects.exists()
    assert "Ký hiệu: Ký hiệu viết hoa" in body
    assert "Căn cứ 1 – Số: Số văn bản chỉ gồm chữ số" in body
    assert "Tên đã sửa" in body
    # Reload (or log in again later): the corrections and the original text are still there.
    client.logout()
    client.force_login(culture_user)
    again = client.get(page).content.decode()
    assert "Tên đã sửa" in again and 'value="13a"' in again
    draft.refresh_from_db()
    assert draft.source_text == TEXT.strip() and draft.form_state["header-title"] == ["Tên đã sửa"]


@pytest.mark.django_db
def test_title_opening_with_thuc_hien_is_kept_and_saved(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune)
    assert draft.data["title"].startswith("Thực hiện Đề án")
    values = _values(client.get(_url("import_review", commune, pk=draft.pk)).context["forms"])
    client.post(_url("import_review", commune, pk=draft.pk), {**values, "action": "save"})
    assert Plan.objects.get().title.startswith("Thực hiện Đề án phát triển ứng dụng")


@pytest.mark.django_db
def test_unplaced_paragraphs_must_be_placed_or_discarded_before_saving(
    client, commune, culture_user
):
    client.force_login(culture_user)
    draft = _start(client, commune, WITH_STRAY)
    assert draft.unplaced == ["Báo cáo kết quả trước ngày 15/12/2024."]
    page = _url("import_review", commune, pk=draft.pk)
    values = {**_values(client.get(page).context["forms"]), "action": "save"}
    response = client.post(page, values)
    assert response.status_code == 422
    assert "Đoạn chưa xếp được: Còn đoạn chưa xếp" in response.content.decode()
    # Without JS: cut it from the box, paste it into the empty "add one more" requirement.
    extra = values["requirements-TOTAL_FORMS"]
    values[f"requirements-{int(extra) - 1}-text"] = "Báo cáo kết quả trước ngày 15/12/2024."
    values["unplaced-text"] = ""
    assert client.post(page, values).status_code == 302
    texts = list(Plan.objects.get().points.values_list("text", flat=True))
    assert "Báo cáo kết quả trước ngày 15/12/2024." in texts


@pytest.mark.django_db
def test_unplaced_paragraphs_may_be_discarded_on_purpose(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune, WITH_STRAY)
    page = _url("import_review", commune, pk=draft.pk)
    values = {**_values(client.get(page).context["forms"]), "action": "save"}
    assert client.post(page, {**values, "unplaced-discard": "on"}).status_code == 302


@pytest.mark.django_db
def test_text_pdf_upload_imports_and_scanned_pdf_is_explained(client, commune, culture_user):
    from weasyprint import HTML

    client.force_login(culture_user)
    pdf = build_pdf((CORPUS / "10-pdf-phuong-vinh-tan-nghe-an.txt").read_text("utf-8"))
    client.post(_url("import", commune), {"file": SimpleUploadedFile("kh.pdf", pdf)})
    draft = PlanImportDraft.objects.get()
    assert draft.source_name == "kh.pdf" and draft.data["place"] == "Vinh Tân"
    scan = HTML(string="<div style='height:4cm;background:#777'></div>").write_pdf()
    response = client.post(_url("import", commune), {"file": SimpleUploadedFile("s.pdf", scan)})
    assert "ảnh quét" in response.content.decode() and PlanImportDraft.objects.count() == 1


@pytest.mark.django_db
def test_discarding_deletes_the_draft(client, commune, culture_user):
    client.force_login(culture_user)
    draft = _start(client, commune)
    assert client.get(_url("import_discard", commune, pk=draft.pk)).status_code == 405
    assert client.post(_url("import_discard", commune, pk=draft.pk)).status_code == 302
    assert not PlanImportDraft.objects.exists()


@pytest.mark.django_db
def test_outsider_gets_404_for_another_communes_draft(client, commune, culture_user, outsider):
    client.force_login(culture_user)
    draft = _start(client, commune)
    client.force_login(outsider)
    other = outsider.memberships.first().commune
    assert client.get(_url("import_review", commune, pk=draft.pk)).status_code == 404
    assert client.get(_url("import_review", other, pk=draft.pk)).status_code == 404
    assert client.post(_url("import_discard", other, pk=draft.pk)).status_code == 404
    assert PlanImportDraft.objects.count() == 1
