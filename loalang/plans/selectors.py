"""Reads of plans, always scoped by commune."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from loalang.plans.models import Plan, PlanAssignment, PlanLegalBasis, PlanRevision, PlanTarget


def plan_list(*, commune: Any, year: int | None = None) -> QuerySet[Plan]:
    qs = Plan.objects.filter(commune=commune).select_related("supersedes")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-id")


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


def revision_diff(old: dict[str, Any], new: dict[str, Any]) -> list[DiffLine]:
    """Paragraph-level differences between two plan states, as the document reads them."""
    from loalang.documents.document import block_text
    from loalang.plans.document import plan_document

    def lines(data: dict[str, Any]) -> list[str]:
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
