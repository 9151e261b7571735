"""Issuing from the committee's register: signer, number, date and the signed PDF.

Plans and reports share the register (documents.services.issue_number) and the rule that an
issued document carries its number, date and signer: in the services, in the database and
through every page and API route.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.core.files import private_storage
from loalang.documents import signed_pdf
from loalang.documents.readback import pdf_text
from loalang.plans import services as plan_services
from loalang.plans.models import Plan
from loalang.plans.tests.factories import full_data, make_plan
from loalang.reports import services as report_services
from loalang.reports.models import Report
from loalang.reports.tests.factories import report as make_report
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db

NO_SIGNER = {"authority": "", "deputy": "", "title": "", "name": ""}


def a_pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(data: bytes, name: str = "da-ky.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def register_commune(commune):  # type: ignore[no-untyped-def]
    commune.numbers_from_register = True
    commune.save()
    return commune


# --- the signer ----------------------------------------------------------------------------


def test_new_plan_and_report_are_prefilled_with_the_chair(commune):
    chair = member(commune, Role.CHAIR)
    chair.full_name = "Hà Văn Minh"
    chair.save()
    plan = plan_services.plan_create(commune=commune, actor=chair, title="Truyền thông", year=2024)
    assert (plan.signer_authority, plan.signer_deputy, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", "Hà Văn Minh",
    )  # fmt: skip
    report = report_services.report_create(
        commune=commune, actor=chair, kind="periodic", period="year",
        date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31), title="Kết quả năm 2023",
    )  # fmt: skip
    assert (report.signer_authority, report.signer_title, report.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Văn Minh",
    )  # fmt: skip


def test_plan_without_signer_cannot_be_submitted(commune):
    plan = plan_services.plan_create_from_data(
        commune=commune, actor=None, data=full_data(signer=dict(NO_SIGNER))
    )
    assert plan.signer_name == ""  # the commune has no Chair to pre-fill
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_submit(plan=plan, actor=None)
    assert "Chưa ghi họ tên người ký." in exc.value.messages


def test_vice_chair_signing_needs_the_kt_line(commune):
    signer = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "", "title": "PHÓ CHỦ TỊCH",
              "name": "Lương Thị Hoa"}  # fmt: skip
    plan = plan_services.plan_create_from_data(
        commune=commune, actor=None, data=full_data(signer=signer)
    )
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_submit(plan=plan, actor=None)
    assert any("KT. CHỦ TỊCH" in m for m in exc.value.messages)


def test_report_without_signer_cannot_be_submitted(commune):
    report = make_report(commune, signer_name="", signer_title="")
    with pytest.raises(ValidationError) as exc:
        report_services.report_submit(report=report, actor=None)
    assert "Chưa ghi họ tên người ký." in exc.value.messages
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


# --- the database refuses an incomplete issued document -----------------------------------


def test_database_refuses_an_issued_plan_without_signer_or_number(commune):
    plan = make_plan(commune, status="approved")
    plan = plan_services.plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 3, 1))
    for change in ({"signer_name": ""}, {"number": ""}, {"issued_on": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.filter(pk=plan.pk).update(**change)
    draft = make_plan(commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.ISSUED)


def test_database_refuses_an_issued_report_without_number_or_signer(commune):
    report = make_report(commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(status=Report.Status.ISSUED)
    report_services.report_submit(report=report, actor=None)
    report = report_services.report_issue(report=report, actor=None, today=dt.date(2024, 1, 8))
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(signer_name="")


# --- numbers from the committee's register ------------------------------------------------


def test_register_commune_issues_with_the_clerks_number_date_and_signed_pdf(commune):
    register_commune(commune)
    plan = make_plan(commune, status="approved")
    pdf = a_pdf(2)
    issued = plan_services.plan_issue(
        plan=plan, actor=None, issued_on=dt.date(2024, 2, 20), number="37",
        signed_pdf=upload(pdf),
    )  # fmt: skip
    assert (issued.number, issued.issued_on, issued.status) == ("37", dt.date(2024, 2, 20),
                                                                 Plan.Status.ISSUED)  # fmt: skip
    issued.refresh_from_db()
    assert issued.signed_pdf.name.startswith(f"plans/{commune.pk}/{plan.pk}/signed/")
    assert private_storage().exists(issued.signed_pdf.name)  # the private storage
    with issued.signed_pdf.open("rb") as fh:
        assert fh.read() == pdf


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"issued_on": dt.date(2024, 2, 20), "signed_pdf": "pdf"}, "number"),
        ({"number": "37", "signed_pdf": "pdf"}, "issued_on"),
        ({"number": "37", "issued_on": dt.date(2024, 2, 20)}, "signed_pdf"),
    ],
)
def test_register_commune_cannot_issue_without_number_date_or_signed_pdf(commune, kwargs, field):
    register_commune(commune)
    plan = make_plan(commune, status="approved")
    if kwargs.get("signed_pdf") == "pdf":
        kwargs = {**kwargs, "signed_pdf": upload(a_pdf())}
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_issue(plan=plan, actor=None, **kwargs)
    assert field in exc.value.message_dict
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.number == ""


def test_register_number_already_used_is_refused_naming_the_document(commune):
    register_commune(commune)
    first = make_plan(commune, status="approved")
    plan_services.plan_issue(
        plan=first, actor=None, issued_on=dt.date(2024, 2, 1), number="5",
        signed_pdf=upload(a_pdf()),
    )  # fmt: skip
    second = make_plan(commune, status="approved", title="Tuyên truyền Đề án 06 năm 2024")
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_issue(
            plan=second, actor=None, issued_on=dt.date(2024, 3, 1), number="05",
            signed_pdf=upload(a_pdf()),
        )  # fmt: skip
    message = exc.value.message_dict["number"][0]
    assert "05/KH-UBND năm 2024 đã dùng cho Kế hoạch" in message
    assert first.title in message and "01/02/2024" in message
    # The same number in another year is free.
    plan_services.plan_issue(
        plan=second, actor=None, issued_on=dt.date(2025, 1, 3), number="05",
        signed_pdf=upload(a_pdf()),
    )  # fmt: skip


def test_report_number_from_register_is_checked_and_signed_pdf_is_the_issued_pdf(
    client, commune, chair_user
):
    register_commune(commune)
    used = make_report(commune)
    report_services.report_submit(report=used, actor=None)
    report_services.report_issue(
        report=used, actor=None, today=dt.date(2024, 1, 8), number="12",
        signed_pdf=upload(a_pdf()),
    )  # fmt: skip
    report = make_report(commune, title="Kết quả quý I năm 2024")
    report_services.report_submit(report=report, actor=None)
    client.force_login(chair_user)
    issue_url = reverse("reports:issue", args=[commune.slug, report.pk])
    response = client.post(
        issue_url, {"number": "12", "issued_on": "2024-04-02", "signed_pdf": upload(a_pdf())},
        follow=True,
    )  # fmt: skip
    assert "12/BC-UBND năm 2024 đã dùng cho Báo cáo" in response.content.decode()
    pdf = a_pdf(3)
    client.post(issue_url, {"number": "13", "issued_on": "2024-04-02", "signed_pdf": upload(pdf)})
    report.refresh_from_db()
    assert (report.status, report.number, report.issued_on) == (
        Report.Status.ISSUED, 13, dt.date(2024, 4, 2),
    )  # fmt: skip
    download = client.get(reverse("reports:download", args=[commune.slug, report.pk, "pdf"]))
    assert b"".join(download.streaming_content) == pdf


def test_own_counter_commune_gets_the_next_number_and_cannot_type_one(commune):
    plan = make_plan(commune, status="approved")
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 1, 5), number="9")
    assert "number" in exc.value.message_dict
    issued = plan_services.plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 1, 5))
    assert issued.number == "01"


# --- the signed PDF ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not a pdf</html>", "không phải là tệp PDF"),
        (b"%PDF-1.7\n garbage without objects", "bị hỏng"),
    ],
)
def test_signed_pdf_must_be_a_real_pdf(commune, content, message):
    register_commune(commune)
    plan = make_plan(commune, status="approved")
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_issue(
            plan=plan, actor=None, issued_on=dt.date(2024, 2, 20), number="3",
            signed_pdf=upload(content),
        )  # fmt: skip
    assert message in exc.value.message_dict["signed_pdf"][0]


def test_signed_pdf_over_the_size_limit_is_refused(commune, monkeypatch):
    monkeypatch.setattr(signed_pdf, "MAX_BYTES", 1000)
    register_commune(commune)
    plan = make_plan(commune, status="approved")
    with pytest.raises(ValidationError) as exc:
        plan_services.plan_issue(
            plan=plan, actor=None, issued_on=dt.date(2024, 2, 20), number="3",
            signed_pdf=upload(a_pdf(20)),
        )  # fmt: skip
    assert "quá lớn" in exc.value.message_dict["signed_pdf"][0]


# --- through the pages and the API ---------------------------------------------------------


def test_issue_page_refuses_a_plan_without_signer(client, commune, chair_user):
    plan = make_plan(commune, status="approved")
    Plan.objects.filter(pk=plan.pk).update(signer_name="")
    client.force_login(chair_user)
    response = client.post(
        reverse("plans:issue", args=[commune.slug, plan.pk]), {"issued_on": "2024-03-01"},
        follow=True,
    )  # fmt: skip
    assert "Chưa ghi họ tên người ký." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.number == ""


def test_issue_page_with_register_takes_number_date_and_serves_signed_pdf(
    client, commune, chair_user
):
    register_commune(commune)
    plan = make_plan(commune, status="approved")
    client.force_login(chair_user)
    issue_url = reverse("plans:issue", args=[commune.slug, plan.pk])
    page = client.get(reverse("plans:detail", args=[commune.slug, plan.pk])).content.decode()
    assert 'name="number"' in page and 'name="signed_pdf"' in page
    response = client.post(issue_url, {"issued_on": "2024-03-01"}, follow=True)
    assert plan.symbol in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    pdf = a_pdf(2)
    client.post(issue_url, {"number": "21", "issued_on": "2024-03-01", "signed_pdf": upload(pdf)})
    plan.refresh_from_db()
    assert (plan.status, plan.number_symbol) == (Plan.Status.ISSUED, "21/KH-UBND")
    served = client.get(reverse("plans:pdf", args=[commune.slug, plan.pk]))
    assert served.content == pdf


def test_api_has_no_route_that_writes_plans_or_reports_and_shows_the_signer():
    from loalang.api.api import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        writes = {m for m in operations if m in {"post", "put", "patch", "delete"}}
        if writes:
            assert "/plans" not in path and "/reports" not in path, path
    for name in ("PlanOut", "ReportOut"):
        fields = schema["components"]["schemas"][name]["properties"]
        assert {"signer_authority", "signer_title", "signer_name"} <= set(fields)


def test_issued_plan_prints_the_signature_block_beside_noi_nhan(commune):
    from loalang.documents.render import render_pdf
    from loalang.plans.data import plan_data
    from loalang.plans.document import plan_document

    signer = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "KT. CHỦ TỊCH",
              "title": "PHÓ CHỦ TỊCH", "name": "Lương Thị Hoa"}  # fmt: skip
    plan = plan_services.plan_create_from_data(
        commune=commune, actor=None, data=full_data(signer=signer)
    )
    plan = plan_services.plan_submit(plan=plan, actor=None)
    plan = plan_services.plan_approve(plan=plan, actor=None)
    plan = plan_services.plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 3, 1))
    text = pdf_text(render_pdf(plan_document(plan_data(plan))), layout=True)
    last_page = text.split("\f")[-2] if text.endswith("\f") else text.split("\f")[-1]
    lines = [line for line in last_page.splitlines() if line.strip()]
    joined = "\n".join(lines)
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lương Thị Hoa"):
        assert line in joined
    noi_nhan = next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)
    assert "TM. ỦY BAN NHÂN DÂN" in lines[noi_nhan]  # side by side, on the same line
