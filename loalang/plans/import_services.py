"""Writes of the plan import: start a draft from text or a file, keep the officer's
corrections, save the reviewed plan, discard. Nothing reaches the plan tables before the
officer saves; the draft keeps the original text and every correction until then."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from loalang.core.audit import audit_log
from loalang.plans import services
from loalang.plans.data import PlanData
from loalang.plans.importer import paragraphs_from_text, parse_plan
from loalang.plans.models import Plan, PlanImportDraft


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def plan_import_start(
    *,
    commune: Any,
    actor: Any,
    text: str = "",
    paragraphs: list[str] | None = None,
    source_name: str = "",
) -> PlanImportDraft:
    """Parse `paragraphs` (a file's) or `text` (pasted) into a draft for review. The text
    is kept as given (a file's paragraphs one per line), so it can always be read again."""
    if paragraphs is None:
        paragraphs = paragraphs_from_text(text)
    else:
        text = "\n".join(paragraphs)
    result = parse_plan(paragraphs)
    draft = PlanImportDraft(
        commune=commune,
        created_by=_user(actor),
        source_name=source_name[:200],
        source_text=text,
        data=result.data,
        notes=result.notes,
        warnings=result.warnings,
        unplaced=result.unplaced,
        sections=result.sections,
        original_number=result.original_number[:60],
    )
    draft.full_clean()
    draft.save()
    audit_log(actor=actor, verb="plan.import_started", target=draft, commune=draft.commune)
    return draft


def plan_import_keep(*, draft: PlanImportDraft, form_state: dict[str, list[str]]) -> None:
    """Remember the review form as submitted (valid or not)."""
    draft.form_state = form_state
    draft.save(update_fields=["form_state", "updated_at"])


@transaction.atomic
def plan_import_save(*, draft: PlanImportDraft, actor: Any, data: PlanData) -> Plan:
    """The reviewed data becomes a draft plan; the import draft is then deleted. Raises
    ValidationError (field → messages) and leaves the import draft as it was."""
    plan = services.plan_create_from_data(
        commune=draft.commune, actor=actor, data=data, verb="plan.imported"
    )
    draft.delete()
    return plan


@transaction.atomic
def plan_import_discard(*, draft: PlanImportDraft, actor: Any) -> None:
    audit_log(actor=actor, verb="plan.import_discarded", target=draft, commune=draft.commune)
    draft.delete()
