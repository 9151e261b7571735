"""The import parser on the seed (restored and OCR), on samples written to differ from it,
and the upload checks (not a DOCX, too large, zip bomb)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loalang.documents.render import render_docx
from loalang.plans.demo import seed_data
from loalang.plans.document import plan_document
from loalang.plans.importer import paragraphs_from_text, parse_plan
from loalang.plans.importer.sources import paragraphs_from_upload
from loalang.plans.models import Plan
from loalang.plans.tests.seedtext import SEED_MD, SEED_OCR
from loalang.plans.uploads import check_docx_bytes


def _restored_text() -> str:
    text = SEED_MD.read_text(encoding="utf-8").split("-->", 1)[1]
    return re.sub(r"^#+\s*", "", text, flags=re.M).replace("**", "")


def _comparable(data: dict) -> dict:
    keys = ("title", "year", "preamble", "purposes", "requirements", "funding_text", "closing",
            "recipients")  # fmt: skip
    out = {k: data[k] for k in keys}
    out["legal_bases"] = data["legal_bases"]
    out["themes"] = [(t["letter"], t["text"]) for t in data["themes"]]
    out["channels"] = [(c["channel"], c["text"], c["is_emphasised"]) for c in data["channels"]]
    out["assignments"] = [
        (a["unit_label"], a["intro"], a["is_standing"], a["duties"]) for a in data["assignments"]
    ]
    out["funding_kinds"] = [f["kind"] for f in data["funding_sources"]]
    return out


def test_restored_seed_text_parses_to_the_seed_plan():
    result = parse_plan(paragraphs_from_text(_restored_text()))
    assert _comparable(result.data) == _comparable(seed_data())
    assert result.unplaced == []
    # The restored text has no header: the parser says so instead of inventing one.
    assert any("cơ quan ban hành" in w for w in result.warnings)


def test_ocr_text_gives_the_same_structure():
    result = parse_plan(paragraphs_from_text(SEED_OCR.read_text(encoding="utf-8")))
    data = result.data
    assert [(b["number"], b["symbol"], b["issued_on"]) for b in data["legal_bases"]] == [
        ("65", "KH-UBND", "2022-03-30"),
        ("07", "KH-UBND", "2023-01-05"),
    ]
    assert data["legal_bases"][0]["issuer"] == "UBND huyén B4 Thudc"  # OCR wording kept
    assert (len(data["purposes"]), len(data["requirements"])) == (2, 2)
    assert [t["letter"] for t in data["themes"]] == ["a", "b", "c", "d", "e", "g"]
    assert [c["channel"] for c in data["channels"]] == ["portal", "radio", "event", "printed"]
    assert [c["is_emphasised"] for c in data["channels"]] == [False, True, False, False]
    assert [len(a["duties"]) for a in data["assignments"]] == [7, 0, 2, 2]
    assert data["assignments"][0]["is_standing"]
    assert data["assignments"][1]["intro"].startswith("Can clr")
    assert len(data["recipients"]) == 5 and data["recipients"][-1]["name"] == "Luu: VT"
    assert data["closing"].startswith("Trén day") and data["closing"].endswith("./.")
    assert [f["kind"] for f in data["funding_sources"]] == ["state_budget", "integrated", "other"]
    assert data["year"] == 2023 and result.unplaced == []
    # "06-⏎NQ/TU" in the scan is rejoined without a space.
    assert "06-NQ/TU" in data["purposes"][0]


FULL_HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ ĐÔNG SƠN Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND Đông Sơn, ngày 20 tháng 3 năm 2024
KẾ HOẠCH
Tuyên truyền chuyển đổi số năm 2024
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 176/QĐ-UBND ngày 10/1/2022 của Chủ tịch UBND tỉnh về ban hành Chương trình;
Ủy ban nhân dân xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
+ Nâng cao nhận thức của người dân.
2. Yêu cầu
+ Thiết thực, hiệu quả.
II. NỘI DUNG, HÌNH THỨC
1. Nội dung
a) Lợi ích của dịch vụ công trực tuyến.
b) Thanh toán không dùng tiền mặt.
c) Kỹ năng số cho người dân.
2. Hình thức
- Phát trên Đài truyền thanh xã 2 lần mỗi tuần.
- Đăng trên nhóm Zalo của các thôn.
III. TỔ CHỨC THỰC HIỆN
1. Văn hóa - Xã hội
- Là bộ phận thường trực, theo dõi việc thực hiện.
2. Các thôn
- Tuyên truyền đến từng hộ.
Trên đây là Kế hoạch tuyên truyền chuyển đổi số năm 2024./.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- UBND huyện (để b/c); CHỦ TỊCH
- Lưu: VT.
Nguyễn Văn A
"""


def test_sample_with_full_header_on_shared_lines():
    result = parse_plan(paragraphs_from_text(FULL_HEADER))
    data = result.data
    assert data["issuer"] == "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG SƠN"
    assert result.original_number == "12/KH-UBND" and data["symbol"] == "KH-UBND"
    assert data["place"] == "Đông Sơn" and data["issued_on"] == "2024-03-20"
    assert data["title"] == "Tuyên truyền chuyển đổi số năm 2024" and data["year"] == 2024
    law, decision = data["legal_bases"]
    assert law["doc_type"] == "Luật Tổ chức chính quyền địa phương"
    assert (law["number"], law["issued_on"]) == ("", "2015-06-19")
    assert (decision["number"], decision["symbol"], decision["issued_on"]) == (
        "176", "QĐ-UBND", "2022-01-10",
    )  # fmt: skip
    assert decision["issuer"] == "Chủ tịch UBND tỉnh" and decision["date_style"] == "short"
    assert data["purposes"] == ["Nâng cao nhận thức của người dân."]
    assert [t["letter"] for t in data["themes"]] == ["a", "b", "c"]
    assert [c["channel"] for c in data["channels"]] == ["radio", "social"]
    assert data["assignments"][0]["is_standing"]
    assert data["recipients"][0]["purpose"] == "để b/c"
    assert data["signer"]["authority"] == "TM. ỦY BAN NHÂN DÂN"
    assert (data["signer"]["title"], data["signer"]["name"]) == ("CHỦ TỊCH", "Nguyễn Văn A")


def test_blank_number_and_missing_header():
    text = "Số:      /KH-UBND\nKẾ HOẠCH\nTruyền thông năm 2025\nI. KINH PHÍ\nNgân sách Nhà nước."
    result = parse_plan(paragraphs_from_text(text))
    assert result.original_number == "" and result.data["symbol"] == "KH-UBND"
    assert result.data["funding_text"] == "Ngân sách Nhà nước."
    headless = parse_plan(paragraphs_from_text("Truyền thông chuyển đổi số năm 2026\n"))
    assert headless.data["title"] == "Truyền thông chuyển đổi số năm 2026"
    assert headless.data["year"] == 2026
    assert any("cơ quan ban hành" in w for w in headless.warnings)


def test_malformed_number_and_impossible_date_are_reported():
    text = "Số: 7a/KH UBND\nXã Mới, ngày 31 tháng 02 năm 2024\nKẾ HOẠCH\nThử"
    result = parse_plan(paragraphs_from_text(text))
    messages = " ".join(result.warnings)
    assert "“7a” không đúng dạng" in messages
    assert "Ký hiệu “KH UBND” không đúng dạng" in messages
    assert "31/02/2024" in messages and result.data["issued_on"] == ""
    assert result.data["symbol"] == "KH-UBND"


def test_different_numbering_styles():
    text = "\n".join([
        "KẾ HOẠCH", "Truyền thông năm 2024",
        "I) MỤC ĐÍCH, YÊU CẦU", "1) Mục đích", "• Thứ nhất.", "• Thứ hai.",
        "II) NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN", "1) Nội dung tuyên truyền",
        "a) Một.", "b) Hai.", "đ) Năm.",
    ])  # fmt: skip
    data = parse_plan(paragraphs_from_text(text)).data
    assert data["purposes"] == ["Thứ nhất.", "Thứ hai."]
    assert [t["letter"] for t in data["themes"]] == ["a", "b", "đ"]


def test_docx_round_trip():
    raw = render_docx(plan_document(seed_data()))
    upload = SimpleUploadedFile("kh.docx", raw)
    result = parse_plan(paragraphs_from_upload(upload))
    assert result.data["issuer"] == "ỦY BAN NHÂN DÂN\nXÃ ÁI THƯỢNG"
    assert result.data["place"] == "Ái Thượng" and result.original_number == ""
    assert _comparable(result.data) == _comparable(seed_data())


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_uploads_that_are_not_docx_are_refused():
    with pytest.raises(ValidationError, match="không phải là văn bản Word"):
        check_docx_bytes(b"%PDF-1.7 not a docx")
    with pytest.raises(ValidationError, match="không phải là văn bản Word"):
        check_docx_bytes(_zip({"hello.txt": b"hi"}))


def test_oversized_upload_is_refused():
    upload = SimpleUploadedFile("big.docx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 10))
    with pytest.raises(ValidationError, match="quá lớn"):
        paragraphs_from_upload(upload)


def test_zip_bomb_is_refused():
    bomb = _zip({
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/padding.xml": b"\0" * (60 * 1024 * 1024),
    })  # fmt: skip
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError, match="bom nén"):
        check_docx_bytes(bomb)


@pytest.mark.django_db
def test_bad_upload_shows_message_and_stores_nothing(client, commune, culture_user, settings):
    client.force_login(culture_user)
    page = reverse("plans:import", kwargs={"commune_slug": commune.slug})
    upload = SimpleUploadedFile("ke-hoach.docx", b"this is not a word file")
    response = client.post(page, {"file": upload})
    assert "không phải là văn bản Word" in response.content.decode()
    assert not Plan.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_seed_markdown_file_as_is_parses_to_the_seed_plan():
    """Markdown marks ('## I. …', '**Nơi nhận:**', the leading comment) are read as text."""
    from loalang.plans.importer.sources import paragraphs_from_bytes

    result = parse_plan(paragraphs_from_bytes(SEED_MD.read_bytes(), SEED_MD.name))
    assert _comparable(result.data) == _comparable(seed_data())
    assert result.unplaced == []
