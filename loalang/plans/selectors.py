"""Reads of plans, always scoped by commune."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loalang.documents.document import OfficialDocument
from loalang.documents.render import render_pdf
from loalang.plans.data import PlanData, plan_data
from loalang.plans.document import plan_document
from loalang.plans.models import (
    Plan,
    PlanAssignment,
    PlanLegalBasis,
    PlanRevision,
    PlanTarget,
    PlanTheme,
)


def plan_list(*, commune: Any, year: int | None = None) -> QuerySet[Plan]:
    qs = Plan.objects.filter(commune=commune).select_related("supersedes")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-id")


def plan_current(*, commune: Any, today: Any = None) -> Plan | None:
    """The plan in force: this year's newest plan that is not superseded, else the latest
    earlier year's (a commune whose new plan is not written yet still works to the old one)."""
    year = (today or timezone.localdate()).year
    return (
        Plan.objects.filter(commune=commune, year__lte=year)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-year", "-id")
        .first()
    )


def theme_choices(*, commune: Any, keep: Any = ()) -> QuerySet[PlanTheme]:
    """Themes to offer when tagging an article, bulletin, event or activity: the current plan's,
    plus those already on the record (`keep`, themes or ids) so editing never drops a tag.

    Label them with `theme_label`: letters repeat every year, the year tells them apart.
    """
    plan = plan_current(commune=commune)
    keep_ids = [getattr(t, "pk", t) for t in keep]
    wanted = Q(plan=plan) if plan else Q(pk__in=[])
    if keep_ids:
        wanted |= Q(pk__in=keep_ids)
    return (
        PlanTheme.objects.filter(wanted, plan__commune=commune)
        .select_related("plan")
        .order_by("-plan__year", "plan_id", "id")
    )


def theme_label(theme: PlanTheme) -> str:
    """'a) Chuyển đổi số (kế hoạch 2026)'."""
    return _("%(theme)s (kế hoạch %(year)s)") % {"theme": theme, "year": theme.plan.year}


def plan_get(*, commune: Any, pk: int) -> Plan:
    """The plan with everything the document needs, in a fixed number of queries; raises
    Plan.DoesNotExist for another commune's plan (views turn that into 404)."""
    return (
        Plan.objects.select_related("commune", "supersedes", "approved_by")
        .prefetch_related(
            Prefetch("legal_bases", queryset=PlanLegalBasis.objects.select_related("document")),
            "points",
            "themes",
            "channels",
            "funding_sources",
            Prefetch(
                "assignments",
                queryset=PlanAssignment.objects.select_related("org_unit").prefetch_related(
                    "duties"
                ),
            ),
            Prefetch("targets", queryset=PlanTarget.objects.select_related("village")),
            "recipients",
        )
        .get(commune=commune, pk=pk)
    )


def plan_revision_list(*, plan: Plan) -> QuerySet[PlanRevision]:
    return PlanRevision.objects.filter(plan=plan).order_by("-number")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same" | "added" | "removed"
    text: str


def revision_diff(old: PlanData, new: PlanData) -> list[DiffLine]:
    """Paragraph-level differences between two plan states, as the document reads them."""
    from loalang.documents.document import block_text
    from loalang.plans.document import plan_document

    def lines(data: PlanData) -> list[str]:
        doc = plan_document(data)
        out = [doc.number_line, doc.place_date_line, doc.summary]
        out += [block_text(b) for b in doc.body]
        out += doc.closing + doc.distribution
        if doc.signature:
            out += [*doc.signature.lines, doc.signature.name]
        return [" ".join(x.split()) for x in out if x.strip()]

    result = []
    for line in difflib.ndiff(lines(old), lines(new)):
        tag, text = line[:2], line[2:]
        if tag == "  ":
            result.append(DiffLine("same", text))
        elif tag == "+ ":
            result.append(DiffLine("added", text))
        elif tag == "- ":
            result.append(DiffLine("removed", text))
    return result


def plan_official_document(plan: Plan) -> OfficialDocument:
    """The plan as an official document; drafts (up to approval) are marked DỰ THẢO."""
    is_draft = plan.status in {Plan.Status.DRAFT, Plan.Status.SUBMITTED, Plan.Status.APPROVED}
    return plan_document(plan_data(plan), is_draft=is_draft)


def plan_filename(plan: Plan, ext: str) -> str:
    base = slugify(f"ke-hoach-{plan.number or 'du-thao'}-{plan.year}-{plan.pk}")
    return f"{base}.{ext}"


def plan_pdf_bytes(plan: Plan) -> bytes:
    """The issued plan's signed PDF when the clerk attached one (the legal version); else the
    PDF rendered from the plan."""
    if plan.signed_pdf and plan.status != Plan.Status.DRAFT:
        with plan.signed_pdf.open("rb") as fh:
            return bytes(fh.read())
    return render_pdf(plan_official_document(plan))
