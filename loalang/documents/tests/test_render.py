"""The shared renderer: real DOCX and PDF files read back and checked."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.shared import Mm

from loalang.documents import document as m
from loalang.documents.readback import docx_paragraphs, pdf_fonts, pdf_text
from loalang.documents.render import render_body_html, render_docx, render_pdf


def _png() -> bytes:
    from PIL import Image as PILImage

    buf = io.BytesIO()
    PILImage.new("RGBA", (40, 20), (200, 0, 0, 255)).save(buf, format="PNG")
    return buf.getvalue()


PNG = _png()


def _report(**overrides) -> m.OfficialDocument:
    values = dict(
        issuer_lines=["ỦY BAN NHÂN DÂN", "XÃ ÁI THƯỢNG"],
        type_name="Báo cáo",
        summary="Kết quả truyền thông chuyển đổi số quý I năm 2023",
        symbol="BC-UBND",
        number="7",
        place="Ái Thượng",
        issued_on=dt.date(2023, 4, 3),
        recipients_to=["Sở Khoa học và Công nghệ tỉnh Thanh Hóa;", "Phòng Văn hóa huyện."],
        body=[
            m.LegalBasis("Căn cứ Kế hoạch số 07/KH-UBND ngày 05/01/2023 của UBND xã;"),
            m.Section("I", "Kết quả thực hiện"),
            m.Clause("1", "Đài truyền thanh"),
            m.Point("a", "Phát 30 lượt bản tin chuyển đổi số."),
            m.Bullet("Thời lượng 240 phút."),
            m.Image(PNG, 40, "Biểu đồ 1. Số lượt phát theo tháng"),
            m.Table(["STT", "Chỉ tiêu", "Kết quả"], [["1", "Bản tin", "12"]], [15, 120, 30]),
        ],
        closing=["Trên đây là báo cáo kết quả./."],
        signature=m.Signature(
            title="PHÓ CHỦ TỊCH",
            name="Lương Thị Hoa",
            authority="TM. ỦY BAN NHÂN DÂN",
            deputy="KT. CHỦ TỊCH",
        ),
        distribution=["Như trên;", "Lưu: VT, VH-XH."],
        appendices=[
            m.Appendix(
                "Phụ lục I",
                "Bảng chỉ tiêu",
                "(Kèm theo Báo cáo số 07/BC-UBND ngày 03/04/2023 của UBND xã Ái Thượng)",
                [m.Table(["STT", "Chỉ tiêu", "Kỳ này", "Lũy kế"], [["1", "Bản tin", "3", "9"]])],
            )
        ],
    )
    values.update(overrides)
    return m.OfficialDocument(**values)


def test_number_and_date_lines_follow_decree_30():
    assert m.number_line("7", "KH-UBND") == "Số: 07/KH-UBND"
    assert m.number_line("65", "KH-UBND") == "Số: 65/KH-UBND"
    assert m.number_line("", "KH-UBND").replace("\u00a0", " ") == "Số:       /KH-UBND"
    assert (
        m.place_date_line("Ái Thượng", dt.date(2023, 1, 5))
        == "Ái Thượng, ngày 05 tháng 01 năm 2023"
    )
    # Months from March on take no leading zero (Decree 30/2020, Appendix I).
    assert m.place_date_line("X", dt.date(2023, 11, 20)) == "X, ngày 20 tháng 11 năm 2023"
    assert m.place_date_line("X", dt.date(2023, 4, 3)) == "X, ngày 03 tháng 4 năm 2023"
    blank = m.place_date_line("Ái Thượng", None, 2023)
    assert blank.startswith("Ái Thượng, ngày") and blank.endswith("năm 2023")


def test_docx_page_setup_fonts_and_header():
    data = render_docx(_report())
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.left_margin - Mm(30)) < Mm(0.5)
    assert abs(section.right_margin - Mm(15)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.5)
    assert section.different_first_page_header_footer  # no page number on page 1
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "XÃ ÁI THƯỢNG"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text == "Số: 07/BC-UBND"
    assert header.cell(1, 1).text == "Ái Thượng, ngày 03 tháng 4 năm 2023"
    assert header.cell(1, 1).paragraphs[0].runs[0].italic
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    legal = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert legal.runs[0].italic
    # The page-number field sits in the default header (pages 2+).
    assert "PAGE" in section.header._element.xml


def test_docx_signature_recipients_and_appendix():
    document = Document(io.BytesIO(render_docx(_report())))
    sign = document.tables[2]
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    label = left.paragraphs[0].runs[0]
    assert label.text == "Nơi nhận:" and label.bold and label.italic
    assert label.font.size.pt == 12
    assert left.paragraphs[1].runs[0].font.size.pt == 11
    assert [p.text for p in left.paragraphs[1:]] == ["- Như trên;", "- Lưu: VT, VH-XH."]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lương Thị Hoa"]
    texts = [p.text for p in document.paragraphs]
    assert "Phụ lục I" in texts and "BẢNG CHỈ TIÊU" in texts
    appendix_table = document.tables[-1]
    assert appendix_table.cell(1, 3).text == "9"
    assert "- Lưu: VT, VH-XH." in docx_paragraphs(render_docx(_report()))
    with zipfile.ZipFile(io.BytesIO(render_docx(_report()))) as z:
        assert any(n.startswith("word/media/") for n in z.namelist())


def test_draft_shows_blank_number_and_mark():
    doc = _report(number="", issued_on=None, year=2023, is_draft=True)
    document = Document(io.BytesIO(render_docx(doc)))
    assert document.paragraphs[0].text == "DỰ THẢO"
    assert document.tables[0].cell(1, 0).text.replace("\u00a0", " ").startswith("Số:       /")
    html = render_body_html(doc)
    assert "DỰ THẢO" in html and "style=" not in html and "<script" not in html


def test_a_draft_says_so_on_every_page():
    body = [m.Paragraph("Đoạn văn dài " * 60) for _ in range(12)]
    draft = _report(number="", issued_on=None, year=2023, is_draft=True, body=body)
    header = Document(io.BytesIO(render_docx(draft))).sections[0].header
    assert "DỰ THẢO" in header.paragraphs[0].text and "PAGE" in header._element.xml
    pages = [p for p in pdf_text(render_pdf(draft)).split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all("DỰ THẢO" in page for page in pages)
    assert pages[0].count("DỰ THẢO") == 1  # the boxed mark only, not the margin one too
    # An issued document carries no draft mark anywhere.
    issued = _report(body=body)
    assert (
        "DỰ THẢO"
        not in Document(io.BytesIO(render_docx(issued))).sections[0].header.paragraphs[0].text
    )
    assert "DỰ THẢO" not in pdf_text(render_pdf(issued))


def test_html_escapes_text():
    html = render_body_html(_report(summary="<b>x</b> & y"))
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html


def test_pdf_text_fonts_and_page_numbers():
    body = [m.Paragraph("Đoạn văn dài " * 60) for _ in range(12)]
    data = render_pdf(_report(body=body))
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 07/BC-UBND" in text
    assert "Ái Thượng, ngày 03 tháng 4 năm 2023" in text
    assert "Lương Thị Hoa" in text
    pages = pdf_text(data, layout=True).split("\f")  # layout: top of the page first
    assert len([p for p in pages if p.strip()]) >= 2
    # Page 1 has no number at the top; page 2 starts with "2".
    assert pages[1].strip().startswith("2")
    assert not pages[0].strip().startswith("1")
    # Every font is embedded, and it is Times New Roman or its metric twin.
    fonts = pdf_fonts(data)
    assert fonts and all(font.is_embedded for font in fonts)
    assert all(font.name.startswith(("Times", "Liberation-Serif")) for font in fonts)


def test_pdf_refuses_to_fetch_urls():
    # A remote image in an image block is impossible; the fetcher refuses anything but data:.
    from loalang.documents.pdf_renderer import _fetcher

    with pytest.raises(Exception):  # noqa: B017 - weasyprint raises its own error types
        _fetcher().fetch("http://127.0.0.1:1/x.png")


def test_docx_opens_in_libreoffice(tmp_path):
    """Officials edit these files: LibreOffice must open the DOCX and lay out its text."""
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx(_report()))
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:  # fail, never skip: scripts/bootstrap-system.sh installs it
        pytest.fail("LibreOffice is missing: `sudo apt-get install -y libreoffice-writer-nogui`")
    subprocess.run(  # noqa: S603 - fixed local program, our own temp file
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    text = pdf_text((tmp_path / "report.pdf").read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 07/BC-UBND" in text and "Lương Thị Hoa" in text
    assert "PHỤ LỤC I" in text.upper()
