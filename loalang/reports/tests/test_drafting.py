"""Reports that are honest drafts (issue 14 item 4): sections II–IV written from the data and
changing with it, placeholders where the data is silent, evidence and scores per indicator,
recipients as data, the Chair warned of unfinished sections, no internal phrasing upward."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from loalang.documents import document as d
from loalang.plans.models import Plan, PlanTarget, PlanTheme
from loalang.reports.document import build_document, draft_sections, text_blocks
from loalang.reports.selectors import report_data
from loalang.reports.services import report_create, report_meta
from loalang.reports.tests.factories import activity, guidance, report
from loalang.testing.factories import VillageFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _plan(commune):
    return Plan.objects.create(commune=commune, title="Truyền thông chuyển đổi số", year=2023)


def _texts(doc: d.OfficialDocument) -> str:
    blocks = list(doc.body) + [b for a in doc.appendices for b in a.body]
    return "\n".join(d.block_text(b) for b in blocks)


def _document(rep):
    rep.refresh_from_db()
    return build_document(report_meta(rep), report_data(rep, live=True), [])


def test_unmet_target_is_drafted_with_its_figure_and_follows_the_data(commune, culture_user):
    plan = _plan(commune)
    PlanTarget.objects.create(
        plan=plan, description="200 hộ được hướng dẫn", metric="households", target_value=200
    )
    guidance(commune, on=D(2023, 3, 1), households=50, people=60)
    rep = report(commune)
    before = draft_sections(report_data(rep, live=True))["shortcomings_text"]
    assert "“200 hộ được hướng dẫn” (cả năm 2023): đạt 50/200 (25%)" in before
    guidance(commune, on=D(2023, 4, 1), households=30, people=40)
    after = draft_sections(report_data(rep, live=True))
    assert "đạt 80/200 (40%)" in after["shortcomings_text"]
    assert "Hoàn thành chỉ tiêu “200 hộ được hướng dẫn” (đạt 80/200)" in after["next_tasks_text"]


def test_villages_and_themes_left_silent_are_named(commune, culture_user):
    plan = _plan(commune)
    done = PlanTheme.objects.create(plan=plan, letter="a", short_name="Chính quyền số", text="x")
    PlanTheme.objects.create(plan=plan, letter="b", short_name="Kinh tế số", text="y")
    worked, silent = VillageFactory(commune=commune), VillageFactory(commune=commune)
    activity(commune, on=D(2023, 3, 5), villages=(worked,), themes=(done,))
    created = report_create(
        commune=commune,
        actor=culture_user,
        kind="periodic",
        period="year",
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        title="Kết quả năm 2023",
    )
    text = created.shortcomings_text
    assert f"1 thôn chưa có hoạt động truyền thông được xác nhận trong kỳ: {silent}." in text
    assert "1 nội dung của kế hoạch chưa được tuyên truyền trong kỳ: b) Kinh tế số." in text
    assert str(worked) not in text
    assert f"Tổ chức tuyên truyền tại 1 thôn chưa có hoạt động trong kỳ: {silent}." in (
        created.next_tasks_text
    )


def test_sections_without_data_are_editable_placeholders_never_a_stock_phrase(commune):
    activity(commune, on=D(2023, 3, 5))
    rep = report(commune)
    text = _texts(_document(rep))
    assert "Không có." not in text
    assert "[Cần bổ sung: nhiệm vụ trọng tâm kỳ tới]" in text
    assert "[Cần bổ sung: đề xuất, kiến nghị với cấp trên (nếu có)]" in text


def test_each_indicator_carries_its_evidence_with_number_date_and_summary(commune):
    village = VillageFactory(commune=commune)
    act = activity(
        commune,
        on=D(2023, 3, 5),
        reach=250,
        villages=(village,),
        title="Phát thanh với ông Lò Văn Riêng",
    )
    doc = _document(report(commune))
    annex = next(a for a in doc.appendices if a.title == "Tài liệu kiểm chứng các chỉ tiêu")
    table = next(b for b in annex.body if isinstance(b, d.Table))
    proofs = {row[0]: row[3] for row in table.rows}
    assert proofs["2.1"].startswith("1 hoạt động đã xác nhận trên Loa Làng")
    assert f"HĐ-{act.pk} ngày 05/03/2023:" in proofs["2.1"]
    assert f"{village.name}; 250 lượt người tiếp cận; chưa có tệp minh chứng" in proofs["2.1"]
    assert "Lò Văn Riêng" not in _texts(doc)  # titles may name people: never copied (ADR 0073)
    assert "[Cần bổ sung: số, ngày, trích yếu tài liệu kiểm chứng]" in proofs["6.1"]


def test_score_is_achieved_over_target_times_maximum_points(commune):
    rep = report(commune)
    rep.indicator_set.indicators.filter(code="2.1").update(
        target_value=Decimal(4), max_points=Decimal(10)
    )
    activity(commune, on=D(2023, 3, 5))
    activity(commune, on=D(2023, 4, 5))
    data = report_data(rep, live=True)
    assert data.row("2.1").score == 5.0
    table = next(
        b
        for b in build_document(report_meta(rep), data, []).appendices[0].body
        if isinstance(b, d.Table)
    )
    assert "Điểm đạt/tối đa" in table.columns
    assert next(r for r in table.rows if r[0] == "2.1")[::6] == ["2.1", "5,00/10"]
    assert table.rows[-1][1] == "TỔNG ĐIỂM" and table.rows[-1][-1] == "5,00/10,00"


def test_citizen_questions_answered_is_zero_not_no_data(commune):
    activity(commune, on=D(2023, 3, 5))
    data = report_data(report(commune), live=True)
    assert data.row("1.3").period == 0


def test_no_internal_lock_phrase_in_the_document_sent_upward(commune):
    activity(commune, on=D(2023, 3, 5))
    text = _texts(_document(report(commune)))
    assert "khóa sổ" not in text
    assert "Số liệu tổng hợp từ các hoạt động đã được xác nhận, tính đến ngày" in text


def test_theme_results_are_lettered_points_without_a_dash(commune, culture_user):
    plan = _plan(commune)
    theme = PlanTheme.objects.create(plan=plan, letter="a", short_name="Chính quyền số", text="x")
    activity(commune, on=D(2023, 3, 5), themes=(theme,))
    created = report_create(
        commune=commune,
        actor=culture_user,
        kind="periodic",
        period="year",
        date_from=D(2023, 1, 1),
        date_to=D(2023, 12, 31),
        title="Kết quả năm 2023",
    )
    assert "- a)" not in created.results_text
    points = [b for b in text_blocks(created.results_text) if isinstance(b, d.Point)]
    assert points and points[0].letter == "a" and points[0].text.startswith("Chính quyền số:")


def test_chair_is_warned_before_issuing_a_report_with_unfinished_sections(
    client, commune, chair_user
):
    rep = report(commune, status="submitted", shortcomings_text="Còn chậm.")
    client.force_login(chair_user)
    url = reverse("reports:detail", args=[commune.slug, rep.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="unfinished-sections"' in page
    assert "III. Nhiệm vụ trọng tâm kỳ tới" in page and "IV. Đề xuất, kiến nghị" in page
    assert "Vẫn duyệt và ban hành?" in page
    rep.next_tasks_text = "1. Tiếp tục."
    rep.proposals_text = "Đề nghị hỗ trợ loa."
    rep.save()
    page = client.get(url).content.decode()
    assert 'data-testid="unfinished-sections"' not in page and "Vẫn duyệt" not in page
