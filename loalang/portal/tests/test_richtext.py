"""The allow-list in front of every article body (ADR 0042, 0047): Word's leftovers go, the
structure an officer wrote (paragraphs, headings, lists, tables) stays."""

from __future__ import annotations

from loalang.portal.richtext import plain_text, sanitize

WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator
content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-unhide:no; margin:0cm;}
--></style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/>
</o:OfficeDocumentSettings></xml><![endif]--></head><body lang=VI>
<!--StartFragment-->
<h1 style='mso-outline-level:1'><span lang=VI>Kế hoạch tuyên truyền</span></h1>
<p class=MsoNormal style='mso-margin-top-alt:auto;text-align:justify'><span lang=VI
style='font-size:13.0pt;font-family:"Times New Roman",serif;mso-fareast-font-family:Calibri'>
Đoạn <b style='mso-bidi-font-weight:normal'>một</b> về chuyển đổi số.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal><span style='mso-spacerun:yes'>Đoạn hai cho bà con.</span><o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=200 valign=top style='width:150pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal>Thôn<o:p></o:p></p></td>
  <td colspan=2 style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal>Số hộ<o:p></o:p>
  </p></td>
 </tr></table>
<!--EndFragment--></body></html>"""


def test_word_paste_loses_its_junk_and_keeps_paragraphs_heading_and_table():
    out = sanitize(WORD_PASTE)
    for junk in ("mso-", "o:p", "<span", "<!--", "class=", "style=", "Times New Roman", "xml"):
        assert junk not in out, junk
    assert "<h2>Kế hoạch tuyên truyền</h2>" in out
    assert "<p>\nĐoạn <b>một</b> về chuyển đổi số.</p>" in out
    assert "<p>Đoạn hai cho bà con.</p>" in out
    assert '<td colspan="2"><p>Số hộ\n  </p></td>' in out
    assert "<p>&nbsp;</p>" not in out and "<p></p>" not in out
    assert plain_text(out).splitlines()[:3] == [
        "Kế hoạch tuyên truyền",
        "Đoạn một về chuyển đổi số.",
        "Đoạn hai cho bà con.",
    ]


def test_text_typed_without_markup_becomes_one_paragraph_per_blank_line():
    out = sanitize("Đoạn một.\r\n\r\nĐoạn hai,\r\nvẫn đoạn hai.\n\n\nĐoạn <b>ba</b>.")
    assert out == "<p>Đoạn một.</p><p>Đoạn hai,<br>vẫn đoạn hai.</p><p>Đoạn <b>ba</b>.</p>"


def test_editor_output_keeps_headings_lists_links_and_local_images():
    body = (
        "<h2>Mục</h2><h3>Mục nhỏ</h3><p><b>Đậm</b> <i>nghiêng</i></p><ul><li>Một</li></ul>"
        '<ol><li>Hai</li></ol><p><a href="https://dichvucong.gov.vn">DVC</a></p>'
        '<p><img src="/media/portal/img/a-640.jpg" alt="Lớp học"></p>'
        '<p><img src="https://tracker.example/x.gif" alt="x"></p>'
    )
    out = sanitize(body)
    assert "<h2>Mục</h2><h3>Mục nhỏ</h3>" in out
    assert "<ul><li>Một</li></ul><ol><li>Hai</li></ol>" in out
    assert 'rel="noopener noreferrer nofollow"' in out
    assert '<img src="/media/portal/img/a-640.jpg" alt="Lớp học">' in out
    assert "tracker.example" not in out


def test_divs_from_other_editors_stay_separate_paragraphs():
    assert sanitize("<div>Một</div><div>Hai</div>") == "<p>Một</p><p>Hai</p>"


def test_scripts_and_handlers_still_go():
    out = sanitize('<p onclick="x()">A<script>alert(1)</script><iframe src="//x"></iframe></p>')
    assert out == "<p>A</p>"
