"""CLI: import_plan prints the parse as JSON with --dry-run, saves a draft plan without."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from loalang.plans.models import Plan
from loalang.plans.tests.corpus_score import CORPUS, build_docx

pytestmark = pytest.mark.django_db
WEB = CORPUS / "02-phuong-dich-vong-ha-noi-web.txt"


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_the_issues_fields_and_saves_nothing(commune):
    out = json.loads(_run("--commune", commune.slug, str(WEB), "--dry-run", "--format", "json"))
    assert not Plan.objects.exists()
    assert out["issuer"] == "ỦY BAN NHÂN DÂN\nQUẬN CẦU GIẤY\nPHƯỜNG DỊCH VỌNG"
    assert (out["number"], out["symbol"], out["issued_on"]) == ("58", "KH-UBND", "2024-03-08")
    assert out["place"] == "Dịch Vọng" and out["year"] == 2024
    assert out["title"] == "Truyền thông chuyển đổi số trên địa bàn phường giai đoạn 2024 - 2026"
    first = out["legal_bases"][0]
    assert first == {
        "verb": "Căn cứ", "number": "749/QĐ-TTg", "kind": "Quyết định",
        "issued_on": "2020-06-03", "issuer": "Thủ tướng Chính phủ",
        "summary": "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng "
                   "đến năm 2030",
    }  # fmt: skip
    assert len(out["purposes"]) == 2 and len(out["requirements"]) == 2
    assert [s["numeral"] for s in out["sections"]] == ["I", "II", "III", "IV", "V"]
    assert isinstance(out["warnings"], list)


def test_blank_number_is_an_empty_string_and_a_law_has_no_number(commune, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH | Độc lập - Tự do - "
        "Hạnh phúc\nSố:    /KH-UBND | An Bình, ngày 02 tháng 3 năm 2025\nKẾ HOẠCH\nTruyền thông "
        "năm 2025\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n",
        encoding="utf-8",
    )
    out = json.loads(_run("--commune", commune.slug, str(path), "--dry-run", "--format", "json"))
    assert out["number"] == "" and out["symbol"] == "KH-UBND"
    assert out["legal_bases"] == [{
        "verb": "Căn cứ", "number": "", "kind": "Luật", "issued_on": "2015-06-19",
        "issuer": "", "summary": "Tổ chức chính quyền địa phương",
    }]  # fmt: skip


def test_without_dry_run_a_docx_becomes_a_draft_plan(commune, tmp_path):
    path = tmp_path / "kh.docx"
    path.write_bytes(build_docx((CORPUS / "09-docx-xa-nam-dong-thua-thien-hue.txt").read_text()))
    out = json.loads(_run("--commune", commune.slug, str(path), "--format", "json"))
    plan = Plan.objects.get(pk=out["plan_id"])
    assert plan.status == Plan.Status.DRAFT and plan.commune == commune
    assert plan.title == "Tuyên truyền xây dựng xã thông minh, chính quyền số năm 2024"
    assert [b.document.reference for b in plan.legal_bases.all()] == ["05-CT/TU", "15/KH-UBND"]
    assert "Đã lưu dự thảo" in _run("--commune", commune.slug, str(path))


def test_unknown_commune_and_scanned_pdf_are_errors(commune, tmp_path):
    with pytest.raises(CommandError, match="Không có xã nào"):
        _run("--commune", "khong-co", str(WEB), "--dry-run")
    from weasyprint import HTML

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(HTML(string="<div style='height:3cm;background:#777'></div>").write_pdf())
    with pytest.raises(CommandError, match="ảnh quét"):
        _run("--commune", commune.slug, str(scan), "--dry-run")


@pytest.mark.django_db
def test_cli_speaks_vietnamese_and_refuses_an_empty_or_fake_file(tmp_path, commune):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Không có xã nào"):
        call_command("import_plan", "--commune", "khong-co", str(tmp_path / "x.txt"))
    empty = tmp_path / "trong.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CommandError, match="không có chữ nào"):
        call_command("import_plan", "--commune", commune.slug, str(empty), "--dry-run")
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_bytes(b"\x00\x01 not a pdf at all")
    with pytest.raises(CommandError, match="không phải là tệp PDF"):
        call_command("import_plan", "--commune", commune.slug, str(fake), "--dry-run")


def test_a_nul_byte_gets_a_vietnamese_message():
    from django import forms
    from django.utils import translation

    with translation.override("vi"), pytest.raises(forms.ValidationError) as caught:
        forms.CharField().clean("Kế hoạch\x00")
    assert "ký tự rỗng" in caught.value.messages[0]
