"""Writes to reports: create, edit, manual values, submit, return, issue (ADR 0072)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.documents.models import NumberCounter as DocumentNumberCounter
from loalang.documents.selectors import default_signer
from loalang.documents.services import issue_number, number_next
from loalang.documents.signed_pdf import read_signed_pdf
from loalang.documents.signers import Signer, signer_problems
from loalang.places.models import Commune
from loalang.reports import notify
from loalang.reports.charts import all_charts
from loalang.reports.document import (
    ReportMeta,
    build_document,
    draft_results,
    draft_sections,
    is_unfinished,
    period_label,
)
from loalang.reports.models import Indicator, ManualValue, Report
from loalang.reports.selectors import (
    ReportData,
    indicator_set_for,
    report_data,
    report_manual,
)
from loalang.reports.xlsx import report_xlsx

DRAFTED = ("shortcomings_text", "next_tasks_text", "proposals_text")
EDITABLE_FIELDS = (
    "title",
    "request_reference",
    "recipients",
    "distribution",
    "results_text",
    "shortcomings_text",
    "next_tasks_text",
    "proposals_text",
    "signer_authority",
    "signer_deputy",
    "signer_title",
    "signer_name",
)


def default_recipients(commune: Commune, indicator_set: Any = None) -> str:
    """The departments the indicator set names (data: after the 2025 reallocation, Science
    and Technology for digital transformation, Culture, Sports and Tourism for grassroots
    information), "{tinh}" filled with the commune's province."""
    indicator_set = indicator_set or indicator_set_for(commune)
    lines = (getattr(indicator_set, "recipients", "") or "").strip()
    if not lines:
        return f"Sở Khoa học và Công nghệ tỉnh {commune.province.name}"
    return lines.replace("{tinh}", commune.province.name)


def report_meta(report: Report) -> ReportMeta:
    return ReportMeta(
        commune_kind=report.commune.get_kind_display(),
        commune_name=report.commune.name,
        title=report.title,
        date_from=report.date_from,
        date_to=report.date_to,
        period_label=period_label(report.period, report.date_from, report.date_to),
        recipients=report.recipient_list,
        request_reference=report.request_reference if report.kind == Report.Kind.AD_HOC else "",
        distribution=report.distribution_list,
        results_text=report.results_text,
        shortcomings_text=report.shortcomings_text,
        next_tasks_text=report.next_tasks_text,
        proposals_text=report.proposals_text,
        symbol=report.symbol,
        number=report.number,
        issued_on=report.issued_on,
        signer_authority=report.signer_authority,
        signer_deputy=report.signer_deputy,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
    )


@transaction.atomic
def report_create(
    *,
    commune: Commune,
    actor: Any,
    kind: str,
    period: str,
    date_from: dt.date,
    date_to: dt.date,
    title: str,
    recipients: str = "",
    request_reference: str = "",
    distribution: str = "",
    is_sample: bool = False,
) -> Report:
    """A draft report whose section I is already written from the data (editable after)."""
    indicator_set = indicator_set_for(commune)
    if indicator_set is None:
        raise ValidationError(_("Chưa có bộ chỉ tiêu báo cáo nào. Liên hệ quản trị hệ thống."))
    report = Report(
        commune=commune,
        indicator_set=indicator_set,
        kind=kind,
        period=period,
        date_from=date_from,
        date_to=date_to,
        title=title,
        recipients=recipients or default_recipients(commune, indicator_set),
        request_reference=request_reference,
        distribution=distribution,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    signer = default_signer(commune)  # the Chair signing for the committee; editable
    report.signer_authority, report.signer_deputy = signer["authority"], signer["deputy"]
    report.signer_title, report.signer_name = signer["title"], signer["name"]
    report.full_clean()
    report.save()
    data = report_data(report, live=True)
    report.results_text = draft_results(data, report_meta(report))
    for name, text in draft_sections(data, report.recipient_list).items():
        setattr(report, name, text)
    report.save(update_fields=["results_text", *DRAFTED, "updated_at"])
    audit_log(actor=actor, verb="report.created", target=report, commune=report.commune)
    return report


def unfinished_sections(report: Report) -> list[str]:
    """Sections II–IV still empty or holding a gap: the Chair is warned before issuing."""
    titles = {
        "shortcomings_text": _("II. Tồn tại, hạn chế và nguyên nhân"),
        "next_tasks_text": _("III. Nhiệm vụ trọng tâm kỳ tới"),
        "proposals_text": _("IV. Đề xuất, kiến nghị"),
    }
    return [str(title) for name, title in titles.items() if is_unfinished(getattr(report, name))]


def _require_draft(report: Report) -> None:
    if not report.is_editable:
        raise ValidationError(_("Chỉ sửa được báo cáo đang ở trạng thái dự thảo."))


@transaction.atomic
def report_update(*, report: Report, actor: Any, **fields: Any) -> Report:
    _require_draft(report)
    before = snapshot(report)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(report, name, value)
    report.full_clean()
    report.save()
    audit_log(
        actor=actor, verb="report.updated", target=report, commune=report.commune, before=before
    )
    return report


@transaction.atomic
def report_redraft_results(*, report: Report, actor: Any) -> Report:
    """Write section I again from the data as it is now (replaces the edited text), and
    sections II–IV where they are still empty or hold a "[Cần bổ sung: …]" gap."""
    _require_draft(report)
    before = snapshot(report)
    data = report_data(report, live=True)
    report.results_text = draft_results(data, report_meta(report))
    for name, text in draft_sections(data, report.recipient_list).items():
        if is_unfinished(getattr(report, name)):
            setattr(report, name, text)
    report.save(update_fields=["results_text", *DRAFTED, "updated_at"])
    audit_log(
        actor=actor, verb="report.redrafted", target=report, commune=report.commune, before=before
    )
    return report


@transaction.atomic
def report_set_manual(
    *, report: Report, actor: Any, values: dict[int, tuple[Decimal | None, Decimal | None]]
) -> Report:
    """Values for the set's manual indicators; (None, None) clears one ("no data")."""
    _require_draft(report)
    manual = {i.pk: i for i in report.indicator_set.indicators.filter(rule="")}
    before = {str(k): [str(p), str(c)] for k, (p, c) in report_manual(report).items()}
    for indicator_id, (period, cumulative) in values.items():
        indicator: Indicator | None = manual.get(indicator_id)
        if indicator is None:
            raise ValidationError(_("Chỉ tiêu này không nhập tay."))
        if period is None and cumulative is None:
            ManualValue.objects.filter(report=report, indicator=indicator).delete()
            continue
        mv, _created = ManualValue.objects.get_or_create(report=report, indicator=indicator)
        mv.period_value, mv.cumulative_value = period, cumulative
        mv.full_clean()
        mv.save()
    report.save(update_fields=["updated_at"])
    audit_log(
        actor=actor,
        verb="report.values_entered",
        target=report,
        commune=report.commune,
        before={"manual": before},
    )
    return report


def report_signer(report: Report) -> Signer:
    return {
        "authority": report.signer_authority,
        "deputy": report.signer_deputy,
        "title": report.signer_title,
        "name": report.signer_name,
    }


def _require_signer(report: Report) -> None:
    problems = signer_problems(report_signer(report))
    if problems:
        raise ValidationError({"signer_name": problems})


@transaction.atomic
def report_submit(*, report: Report, actor: Any) -> Report:
    """Send the draft to the Chair. Refused until the signature block is complete."""
    _require_draft(report)
    _require_signer(report)
    before = snapshot(report)
    report.status = Report.Status.SUBMITTED
    report.review_note = ""
    report.full_clean()
    report.save()
    audit_log(
        actor=actor, verb="report.submitted", target=report, commune=report.commune, before=before
    )
    notify.report_submitted(report, actor)
    return report


@transaction.atomic
def report_return(*, report: Report, actor: Any, note: str = "") -> Report:
    """The Chair sends a submitted report back to draft; its author is told, with `note`."""
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đang trình duyệt."))
    before = snapshot(report)
    report.status = Report.Status.DRAFT
    report.review_note = (note or "").strip()[:2000]
    report.save()
    audit_log(
        actor=actor, verb="report.returned", target=report, commune=report.commune, before=before
    )
    notify.report_reviewed(report, actor, "report.returned")
    return report


def next_number(*, commune: Commune, symbol: str, year: int) -> int:
    """The next free number for `symbol` in `year`. Must run inside the issuing transaction.

    One register per commune, symbol and year for every kind of document: the shared
    `documents.services.number_next` (locked counter row). A counter that fell behind the
    reports already issued (e.g. set by hand) is moved past them; the unique constraint on
    Report is the last guard.
    """
    number = number_next(commune=commune, symbol=symbol, year=year)
    used = (
        Report.objects.filter(commune=commune, symbol=symbol, number_year=year).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )
    if number <= used:
        number = used + 1
        DocumentNumberCounter.objects.filter(commune=commune, symbol=symbol, year=year).update(
            last_number=number
        )
    return number


def render_files(report: Report, data: ReportData) -> dict[str, bytes]:
    from loalang.documents.render import render_docx, render_pdf

    doc = build_document(report_meta(report), data, all_charts(data))
    return {
        "docx": render_docx(doc),
        "pdf": render_pdf(doc),
        "xlsx": report_xlsx(data, title=report.title, number_label=report.number_label),
    }


def report_issue(
    *,
    report: Report,
    actor: Any,
    today: dt.date | None = None,
    number: str | None = None,
    signed_pdf: Any = None,
) -> Report:
    """The Chair approves and the report is issued: number, date, signer, frozen snapshot and
    files, all or nothing.

    Where the commune numbers documents in the committee's register the clerk gives the
    number and date taken there and the signed PDF (required); the number is refused if Loa
    Làng already holds a document with it. Otherwise the number comes from the shared counter
    (never below the highest report number used) and the date defaults to today. The signer
    is the one on the report (pre-filled with the Chair) and must be complete. A signed PDF,
    once stored, is the version shown and downloaded as PDF.
    """
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã trình."))
    from_register = report.commune.numbers_from_register
    if from_register and today is None:
        raise ValidationError({"issued_on": _("Nhập ngày ban hành ghi trong sổ đăng ký.")})
    if today is not None and today > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày ban hành không thể ở tương lai.")})
    if from_register and signed_pdf is None:
        raise ValidationError({"signed_pdf": _("Đính kèm bản PDF đã ký của báo cáo.")})
    pdf_bytes = read_signed_pdf(signed_pdf) if signed_pdf is not None else None
    today = today or timezone.localdate()
    saved: list[Any] = []
    try:
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report.pk)
            if locked.status != Report.Status.SUBMITTED:
                raise ValidationError(_("Báo cáo đã được xử lý bởi người khác."))
            _require_signer(locked)
            before = snapshot(locked)
            data = report_data(locked, live=True)
            locked.number = issue_number(
                commune=locked.commune, symbol=locked.symbol, year=today.year, number=number,
                exclude=locked, own_counter=next_number,
            )  # fmt: skip
            locked.number_year = today.year
            locked.issued_on = today
            locked.issued_by = actor
            locked.status = Report.Status.ISSUED
            locked.snapshot = data.to_json()
            files = render_files(locked, data)
            stem = f"bao-cao-{locked.number:02d}-{today.year}"
            for ext, content in files.items():
                field = getattr(locked, f"{ext}_file")
                field.save(f"{stem}.{ext}", ContentFile(content), save=False)
                saved.append(field)
            if pdf_bytes is not None:
                locked.signed_pdf.save(f"{stem}-da-ky.pdf", ContentFile(pdf_bytes), save=False)
                saved.append(locked.signed_pdf)
            locked.full_clean()
            locked.save()
            audit_log(
                actor=actor,
                verb="report.issued",
                target=locked,
                commune=locked.commune,
                before=before,
            )
            notify.report_reviewed(locked, actor, "report.issued")
    except Exception:
        for field in saved:  # nothing half saved: drop files of a rolled-back issue
            field.storage.delete(field.name)
        raise
    return locked
