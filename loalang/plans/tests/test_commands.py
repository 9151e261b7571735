"""CLI: list_plans and export_plan; the demo loader is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from loalang.documents.readback import pdf_text
from loalang.plans.models import Plan
from loalang.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_list_plans_one_line_each(commune):
    a = make_plan(commune, year=2023)
    b = make_plan(commune, year=2024)
    out = io.StringIO()
    call_command("list_plans", "--commune", commune.slug, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [str(b.pk), str(a.pk)]
    assert lines[0].split("\t")[1:4] == ["-", "-", "draft"]
    assert lines[0].endswith("năm 2024")


def test_list_plans_unknown_commune():
    with pytest.raises(CommandError):
        call_command("list_plans", "--commune", "khong-co")


def test_export_plan_pdf_and_docx(commune, tmp_path):
    from docx import Document

    plan = make_plan(commune)
    pdf = tmp_path / "kh.pdf"
    call_command("export_plan", str(plan.pk), "--format", "pdf", "--output", str(pdf),
                 stdout=io.StringIO())  # fmt: skip
    assert "KẾ HOẠCH" in pdf_text(pdf.read_bytes())
    docx = tmp_path / "kh.docx"
    call_command("export_plan", str(plan.pk), "--format", "docx", "--output", str(docx),
                 stdout=io.StringIO())  # fmt: skip
    assert Document(str(docx)).paragraphs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kh.docx", "kh.pdf"]


def test_export_plan_errors(commune, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_plan", "999999", "--format", "pdf", "--output", str(tmp_path / "x"))
    plan = make_plan(commune)
    with pytest.raises(CommandError):
        call_command("export_plan", str(plan.pk), "--format", "pdf",
                     "--output", str(tmp_path / "no" / "x.pdf"))  # fmt: skip


def test_demo_loader_is_idempotent(db):
    from loalang.home.demo import load_foundation
    from loalang.plans.demo import SEED_TITLE, load

    commune = load_foundation()
    load(commune)
    plan = Plan.objects.get(commune=commune, title=SEED_TITLE)
    ids = sorted(plan.themes.values_list("pk", flat=True))
    load(commune)
    assert Plan.objects.filter(commune=commune, year=2023).count() == 1
    # The seed plan, and the sample plans of the current and previous year (ADR 0105).
    from loalang.plans.demo_current import demo_years

    years = [2023, *demo_years(dt.date.today())]
    assert sorted(Plan.objects.filter(commune=commune).values_list("year", flat=True)) == years
    assert sorted(plan.themes.values_list("pk", flat=True)) == ids
    plan.refresh_from_db()
    # Issued means numbered, dated and signed: the OCR lost them, so they are sample data.
    assert plan.status == Plan.Status.ISSUED and plan.is_sample
    assert plan.number_symbol == "10/KH-UBND" and plan.issued_on == dt.date(2023, 1, 10)
    assert (plan.signer_authority, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Văn Minh",
    )  # fmt: skip
    from loalang.documents.models import NumberCounter

    counter = NumberCounter.objects.get(commune=commune, symbol="KH-UBND", year=2023)
    assert counter.last_number >= 10  # Loa Làng never hands out the sample number again
    standing = plan.assignments.get(is_standing=True)
    assert standing.org_unit is not None and standing.org_unit.name == standing.unit_label
