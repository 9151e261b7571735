"""Writes to plans: create (blank, from a template, from last year's, from an import),
edit, and the lifecycle draft → submitted → approved → issued → closed / superseded.

Every function takes keyword arguments with `actor`, runs in one transaction, validates with
`full_clean()`, writes an audit entry, and records a PlanRevision (the full text of the plan
after the change) so the history can show a readable diff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.budget.models import FundingSource
from loalang.core.audit import audit_log, snapshot
from loalang.documents.selectors import default_signer
from loalang.documents.services import issue_number
from loalang.documents.signed_pdf import read_signed_pdf
from loalang.plans import data as plan_data_mod
from loalang.plans import notify
from loalang.plans.checks import plan_problems
from loalang.plans.data import LegalBasis, PlanData
from loalang.plans.models import (
    LegalDocument,
    Plan,
    PlanAssignment,
    PlanChannel,
    PlanDuty,
    PlanLegalBasis,
    PlanPoint,
    PlanRecipient,
    PlanRevision,
    PlanTarget,
    PlanTheme,
)

HEADER_FIELDS = [
    "title", "year", "type_name", "symbol", "place", "parent_issuer", "issuer", "preamble",
    "funding_text", "closing", "signer_authority", "signer_deputy", "signer_title",
    "signer_name",
]  # fmt: skip


def default_issuer(commune: Any) -> str:
    return f"ỦY BAN NHÂN DÂN\n{commune.get_kind_display().upper()} {commune.name.upper()}"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def record_revision(*, plan: Plan, actor: Any, verb: str) -> PlanRevision:
    """Snapshot the plan's whole text after a change (called by every service here)."""
    last = PlanRevision.objects.filter(plan=plan).order_by("-number").first()
    user = _user(actor)
    return PlanRevision.objects.create(
        plan=plan,
        number=(last.number + 1) if last else 1,
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user else "",
        verb=verb,
        data=plan_data_mod.plan_data(plan),
    )


def _ensure_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("Kế hoạch đã được duyệt hoặc ban hành nên không sửa được; hãy tạo phiên bản mới.")
        )


# --- creating ---------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, commune: Any, actor: Any, title: str, year: int) -> Plan:
    """A blank draft with the commune's header filled in."""
    data = plan_data_mod.empty_data(title=title, year=year)
    return plan_create_from_data(commune=commune, actor=actor, data=data, verb="plan.created")


@transaction.atomic
def plan_create_from_data(
    *,
    commune: Any,
    actor: Any,
    data: PlanData,
    verb: str = "plan.created",
    copied_from: Plan | None = None,
    supersedes: Plan | None = None,
    status: str = Plan.Status.DRAFT,
) -> Plan:
    """A new plan holding `data` (plans.data format). Number and date stay blank unless the
    plan is stored as already issued (the demo plan, issued on paper). A plan without a
    signer is pre-filled with the commune's Chair signing for the committee."""
    if not any((data.get("signer") or {}).values()):
        data = {**data, "signer": default_signer(commune)}
    plan = Plan(
        commune=commune,
        title=data["title"].strip(),
        year=data["year"],
        status=status,
        copied_from=copied_from,
        supersedes=supersedes,
        version=(supersedes.version + 1) if supersedes else 1,
    )
    _apply_header(plan, data, commune)
    plan.full_clean()
    plan.save()
    plan_sync_children(plan=plan, data=data)
    audit_log(actor=actor, verb=verb, target=plan, commune=plan.commune)
    record_revision(plan=plan, actor=actor, verb=verb)
    return plan


def _apply_header(plan: Plan, data: PlanData, commune: Any) -> None:
    signer = data.get("signer") or {}
    plan.type_name = data.get("type_name") or "Kế hoạch"
    plan.symbol = data.get("symbol") or "KH-UBND"
    plan.place = data.get("place") or commune.name
    plan.parent_issuer = data.get("parent_issuer", "")
    plan.issuer = data.get("issuer") or default_issuer(commune)
    plan.preamble = data.get("preamble", "")
    plan.funding_text = data.get("funding_text", "")
    plan.closing = data.get("closing", "")
    plan.signer_authority = signer.get("authority", "")
    plan.signer_deputy = signer.get("deputy", "")
    plan.signer_title = signer.get("title", "")
    plan.signer_name = signer.get("name", "")
    if plan.status in {Plan.Status.ISSUED, Plan.Status.CLOSED}:
        plan.number = data.get("number", "")
        plan.issued_on = dt.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None
        plan.issued_year = plan.issued_on.year if plan.issued_on else None


def _verified_theme_span(plan: Plan) -> list[tuple[int, dt.date, dt.date]]:
    """(commune, first day, last day) of the verified activities tagged with the plan's
    themes: the summaries keyed by theme letter or id that a theme edit can make stale."""
    from django.db.models import Max, Min

    from loalang.activities.models import Activity

    rows = (
        Activity.objects.filter(themes__plan=plan, status=Activity.Status.VERIFIED)
        .values("commune_id")
        .annotate(first=Min("held_on"), last=Max("held_on"))
        .order_by()
    )
    return [(r["commune_id"], r["first"], r["last"]) for r in rows]


def _refresh_summaries(spans: list[tuple[int, dt.date, dt.date]]) -> None:
    """Recount the coverage cells and report facts over `spans` (themes were renumbered or
    removed: their letters and links changed under the activities)."""
    from loalang.activities.summary import coverage_refresh

    for commune_id, first, last in spans:
        coverage_refresh(commune_id=commune_id, days=[first, last])


def _sync(manager: Any, model: Any, rows: Sequence[Mapping[str, Any]], **parent: Any) -> list[Any]:
    """Make the plan's rows equal `rows`, position by position: the n-th existing row is
    updated in place (so tasks and tags pointing at it survive), extra rows are deleted,
    missing ones created."""
    existing = list(manager.all())
    kept = []
    for i, values in enumerate(rows):
        obj = existing[i] if i < len(existing) else model(**parent)
        for key, value in values.items():
            setattr(obj, key, value)
        obj.sort_order = i
        obj.full_clean()
        obj.save()
        kept.append(obj)
    for obj in existing[len(rows) :]:
        obj.delete()
    return kept


def legal_document_for(*, commune: Any, basis: LegalBasis) -> LegalDocument:
    """The commune's record of a cited document, reused when the same citation is given again.

    Records are never changed by a plan edit (an issued plan citing one must keep reading
    the same): a corrected citation — even only its summary — becomes a new record.
    """
    issued_on = dt.date.fromisoformat(basis["issued_on"]) if basis.get("issued_on") else None
    values = {
        "commune": commune,
        "doc_type": basis["doc_type"].strip(),
        "number": basis.get("number", "").strip(),
        "symbol": basis.get("symbol", "").strip(),
        "issued_on": issued_on,
        "issuer": basis.get("issuer", "").strip(),
        "summary": basis.get("summary", "").strip(),
        "date_style": basis.get("date_style") or LegalDocument.DateStyle.PADDED,
    }
    doc = LegalDocument.objects.filter(**values).order_by("pk").first()
    if doc is None:
        doc = LegalDocument(**values)
        doc.full_clean()
        doc.save()
    return doc


def plan_sync_children(*, plan: Plan, data: PlanData) -> None:
    """Write every list of `data` into the plan's related rows (no audit: callers audit)."""
    commune = plan.commune
    _sync(
        plan.legal_bases,
        PlanLegalBasis,
        [
            {"verb": b["verb"], "document": legal_document_for(commune=commune, basis=b)}
            for b in data["legal_bases"]
        ],
        plan=plan,
    )
    purposes = [{"kind": PlanPoint.Kind.PURPOSE, "text": t} for t in data["purposes"]]
    requirements = [{"kind": PlanPoint.Kind.REQUIREMENT, "text": t} for t in data["requirements"]]
    _sync(plan.points.filter(kind=PlanPoint.Kind.PURPOSE), PlanPoint, purposes, plan=plan)
    _sync(plan.points.filter(kind=PlanPoint.Kind.REQUIREMENT), PlanPoint, requirements, plan=plan)
    # Letters are unique per plan: clear them first so a reordered list never collides.
    themes = data["themes"]
    before = list(plan.themes.order_by("pk").values_list("pk", "letter"))
    linked = _verified_theme_span(plan)
    for i, pk in enumerate(plan.themes.values_list("pk", flat=True)):
        PlanTheme.objects.filter(pk=pk).update(letter=f"~{i}")
    _sync(plan.themes, PlanTheme, themes, plan=plan)
    if list(plan.themes.order_by("pk").values_list("pk", "letter")) != before:
        _refresh_summaries(linked)
    _sync(plan.channels, PlanChannel, data["channels"], plan=plan)
    _sync(plan.funding_sources, FundingSource, data["funding_sources"], plan=plan)
    assignments = _sync(
        plan.assignments,
        PlanAssignment,
        [{k: v for k, v in a.items() if k != "duties"} for a in data["assignments"]],
        plan=plan,
    )
    for assignment, values in zip(assignments, data["assignments"], strict=True):
        _sync(
            assignment.duties,
            PlanDuty,
            [{"text": t} for t in values["duties"]],
            assignment=assignment,
        )
    targets = []
    for t in data["targets"]:
        row = {k: v for k, v in t.items() if k != "village_name"}  # read-only, see plans.data
        row["village_id"] = t.get("village_id") or None
        row["due_on"] = dt.date.fromisoformat(t["due_on"]) if t.get("due_on") else None
        targets.append(row)
    _sync(plan.targets, PlanTarget, targets, plan=plan)
    _sync(plan.recipients, PlanRecipient, data["recipients"], plan=plan)


@transaction.atomic
def plan_copy_for_year(*, plan: Plan, actor: Any, year: int) -> Plan:
    """Next year's draft from this plan (the usual way a new plan starts)."""
    data = plan_data_mod.for_next_year(plan_data_mod.plan_data(plan), year)
    data["signer"] = default_signer(plan.commune)  # this year's Chair, not last year's
    return plan_create_from_data(
        commune=plan.commune, actor=actor, data=data, verb="plan.copied", copied_from=plan
    )


@transaction.atomic
def plan_update(*, plan: Plan, actor: Any, data: PlanData, verb: str = "plan.updated") -> Plan:
    """Replace the plan's content with `data` (header and every section)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _ensure_editable(plan)
    before = snapshot(plan)
    plan.title = data["title"].strip()
    plan.year = data["year"]
    _apply_header(plan, data, plan.commune)
    plan.full_clean()
    plan.save()
    plan_sync_children(plan=plan, data=data)
    audit_log(actor=actor, verb=verb, target=plan, commune=plan.commune, before=before)
    record_revision(plan=plan, actor=actor, verb=verb)
    return plan


def plan_update_section(*, plan: Plan, actor: Any, section: str, value: Any) -> Plan:
    """Change one part of the plan (a header field or one list, in its new order)."""
    data = plan_data_mod.plan_data(plan)
    key = plan_data_mod.section_key(section)
    if section == "header":
        data = plan_data_mod.with_header(data, value)
    elif key is not None:
        data[key] = value
    else:
        raise ValueError(f"unknown plan section {section!r}")
    return plan_update(plan=plan, actor=actor, data=data, verb=f"plan.{section}_updated")


# --- lifecycle ----------------------------------------------------------------------------


def _transition(plan: Plan, actor: Any, *, allowed: set[str], to: str, verb: str,
                **fields: Any) -> Plan:  # fmt: skip
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in allowed:
        raise ValidationError(
            _("Không thể chuyển kế hoạch từ trạng thái “%(status)s”.")
            % {"status": plan.get_status_display()}
        )
    before = snapshot(plan)
    plan.status = to
    for key, value in fields.items():
        setattr(plan, key, value)
    plan.full_clean()
    plan.save()
    audit_log(actor=actor, verb=verb, target=plan, commune=plan.commune, before=before)
    record_revision(plan=plan, actor=actor, verb=verb)
    return plan


def _raise_problems(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError({key: msgs for key, msgs in problems.items()})


@transaction.atomic
def plan_submit(*, plan: Plan, actor: Any) -> Plan:
    """Culture-Social sends the draft to the Chair / Vice-chair. Refused while any required
    section is empty or a legal basis is dated in the future."""
    _raise_problems(plan_problems(plan_data_mod.plan_data(plan)))
    plan = _transition(
        plan, actor, allowed={Plan.Status.DRAFT}, to=Plan.Status.SUBMITTED,
        verb="plan.submitted", submitted_at=timezone.now(), review_note="",
    )  # fmt: skip
    notify.plan_submitted(plan, actor)
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, actor: Any, note: str) -> Plan:
    """The approver sends the plan back to draft with a note; whoever submitted it is told."""
    plan = _transition(
        plan, actor, allowed={Plan.Status.SUBMITTED, Plan.Status.APPROVED},
        to=Plan.Status.DRAFT, verb="plan.returned", review_note=note.strip(),
    )  # fmt: skip
    notify.plan_reviewed(plan, actor, "plan.returned")
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, actor: Any, note: str = "") -> Plan:
    """Approve a submitted plan; whoever submitted it is told, with the approver's note."""
    plan = _transition(
        plan, actor, allowed={Plan.Status.SUBMITTED}, to=Plan.Status.APPROVED,
        verb="plan.approved", approved_at=timezone.now(), approved_by=_user(actor),
        review_note=note.strip(),
    )  # fmt: skip
    notify.plan_reviewed(plan, actor, "plan.approved")
    return plan


@transaction.atomic
def plan_issue(
    *,
    plan: Plan,
    actor: Any,
    issued_on: dt.date | None = None,
    number: str | None = None,
    signed_pdf: Any = None,
) -> Plan:
    """Issue the approved plan with its number, date and signer, all or nothing.

    Where the commune numbers documents in the committee's register
    (`Commune.numbers_from_register`) the clerk gives the number and date taken there and the
    signed PDF; the number is refused if Loa Làng already holds a document with it. Otherwise
    the number comes from Loa Làng's own counter (documents.services.number_next, locked row)
    and the date defaults to today; a signed PDF may still be attached. The signer must be
    complete (title and name). Once stored, the signed PDF is the version shown and
    downloaded. Issuing a new version marks the version it replaces as superseded.
    """
    locked = Plan.objects.select_for_update().select_related("commune").get(pk=plan.pk)
    commune = locked.commune
    if locked.status != Plan.Status.APPROVED:
        raise ValidationError(_("Chỉ ban hành được kế hoạch đã được duyệt."))
    from_register = commune.numbers_from_register
    if from_register and issued_on is None:
        raise ValidationError({"issued_on": _("Nhập ngày ban hành ghi trong sổ đăng ký.")})
    if issued_on is not None and issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày ban hành không thể ở tương lai.")})
    if from_register and signed_pdf is None:
        raise ValidationError({"signed_pdf": _("Đính kèm bản PDF đã ký của kế hoạch.")})
    pdf_bytes = read_signed_pdf(signed_pdf) if signed_pdf is not None else None
    day = issued_on or timezone.localdate()
    data = plan_data_mod.plan_data(locked)
    problems = plan_problems(data, issue_on=day)
    _raise_problems(problems)
    value = issue_number(
        commune=commune, symbol=locked.symbol, year=day.year, number=number, exclude=locked
    )
    plan = _transition(
        locked, actor, allowed={Plan.Status.APPROVED}, to=Plan.Status.ISSUED,
        verb="plan.issued", number=f"{value:02d}", issued_on=day, issued_year=day.year,
        issued_at=timezone.now(),
    )  # fmt: skip
    if plan.supersedes_id:
        old = Plan.objects.select_for_update().get(pk=plan.supersedes_id)
        if old.status in {Plan.Status.ISSUED, Plan.Status.CLOSED}:
            _transition(
                old, actor, allowed={old.status}, to=Plan.Status.SUPERSEDED,
                verb="plan.superseded",
            )  # fmt: skip
    notify.plan_reviewed(plan, actor, "plan.issued")
    if pdf_bytes is not None:
        _store_signed_pdf(plan, pdf_bytes)  # last write: nothing after it can fail
    return plan


def _store_signed_pdf(plan: Plan, content: bytes) -> None:
    """Save the signed PDF under private/ (Django's storage API) and point the plan at it."""
    from django.core.files.base import ContentFile

    name = f"ke-hoach-{plan.number}-{plan.issued_year}.pdf"
    plan.signed_pdf.save(name, ContentFile(content), save=False)
    stored = plan.signed_pdf.name or ""
    try:
        Plan.objects.filter(pk=plan.pk).update(signed_pdf=stored)
    except Exception:
        plan.signed_pdf.storage.delete(stored)
        raise


def plan_publish(*, plan: Plan, actor: Any) -> Any:
    """Put the issued plan on the commune's public documents page (Decree 42/2022): its signed
    PDF when the clerk attached one, else the PDF rendered from the plan.

    Raises ValidationError unless the plan is issued (or closed) with a number and a date.
    Publishing again replaces the one public document (portal.services.document_publish is
    idempotent per source), so a corrected PDF never shows twice."""
    from loalang.plans.selectors import plan_filename, plan_pdf_bytes
    from loalang.portal.services.documents import document_publish

    if plan.status not in {Plan.Status.ISSUED, Plan.Status.CLOSED} or not plan.issued_on:
        raise ValidationError(_("Chỉ đăng được kế hoạch đã ban hành có số và ngày."))
    commune = plan.commune
    return document_publish(
        commune=commune,
        doc_type="ke_hoach",
        number=plan.number_symbol,
        issued_on=plan.issued_on,
        issuer=f"UBND {commune.get_kind_display()} {commune.name}",
        title=f"{plan.type_name} {plan.title}",
        summary=plan.preamble[:1000],
        pdf_bytes=plan_pdf_bytes(plan),
        filename=plan_filename(plan, "pdf"),
        actor=actor,
        source=plan,
    )


@transaction.atomic
def plan_close(*, plan: Plan, actor: Any) -> Plan:
    return _transition(
        plan, actor, allowed={Plan.Status.ISSUED}, to=Plan.Status.CLOSED,
        verb="plan.closed", closed_at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def plan_new_version(*, plan: Plan, actor: Any) -> Plan:
    """An issued plan never changes; this makes an editable draft that will replace it."""
    if plan.status not in {Plan.Status.ISSUED, Plan.Status.CLOSED}:
        raise ValidationError(_("Chỉ tạo phiên bản mới cho kế hoạch đã ban hành."))
    if plan.superseded_by.exclude(status=Plan.Status.SUPERSEDED).exists():
        raise ValidationError(_("Kế hoạch này đã có một phiên bản mới đang soạn hoặc đã ban hành."))
    data = plan_data_mod.plan_data(plan)
    data["number"], data["issued_on"] = "", ""
    return plan_create_from_data(
        commune=plan.commune, actor=actor, data=data, verb="plan.new_version", supersedes=plan
    )


@transaction.atomic
def plan_delete(*, plan: Plan, actor: Any) -> None:
    """Only a draft that was never issued can be deleted."""
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Chỉ xoá được kế hoạch đang là dự thảo."))
    audit_log(
        actor=actor, verb="plan.deleted", target=plan, commune=plan.commune, before=snapshot(plan)
    )
    linked = _verified_theme_span(plan)
    plan.delete()
    _refresh_summaries(linked)
