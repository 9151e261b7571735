"""Writes to commendations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.commendations.models import Commendation
from loalang.core.audit import audit_log, snapshot

FIELDS = (
    "subject_kind",
    "org_unit",
    "village",
    "team",
    "person",
    "reason",
    "awarded_on",
    "decision_ref",
    "plan",
    "is_public",
)


def _check(c: Commendation, activities: list[Any]) -> None:
    errors = {}
    for name in ("org_unit", "village", "team", "person", "plan"):
        related = getattr(c, name)
        if related is not None and related.commune_id != c.commune_id:
            errors[name] = _("Không thuộc xã này.")
    if any(a.commune_id != c.commune_id for a in activities):
        errors["activities"] = _("Có hoạt động không thuộc xã này.")
    if errors:
        raise ValidationError(errors)


def _save(
    c: Commendation, actor: Any, activities: Iterable[Any] | None, verb: str, before: dict | None
) -> Commendation:
    acts = list(activities) if activities is not None else None
    subject = c.subject
    if subject is not None:
        c.subject_name = str(subject)[:255]
    c.full_clean()
    _check(c, acts or [])
    c.save()
    if acts is not None:
        c.activities.set(acts)
    audit_log(actor=actor, verb=verb, target=c, commune=c.commune, before=before)
    return c


@transaction.atomic
def commendation_create(
    *, commune: Any, actor: Any, activities: Iterable[Any] = (), **fields: Any
) -> Commendation:
    """Record a commendation; the subject's current name is kept with it."""
    if set(fields) - set(FIELDS):
        raise TypeError(f"commendation_create got {sorted(set(fields) - set(FIELDS))}")
    c = Commendation(commune=commune, **fields)
    return _save(c, actor, activities, "commendation.created", None)


@transaction.atomic
def commendation_update(
    *,
    commendation: Commendation,
    actor: Any,
    activities: Iterable[Any] | None = None,
    **fields: Any,
) -> Commendation:
    if set(fields) - set(FIELDS):
        raise TypeError(f"commendation_update got {sorted(set(fields) - set(FIELDS))}")
    before = snapshot(commendation)
    for name in ("org_unit", "village", "team", "person"):
        if "subject_kind" in fields and name not in fields:
            fields[name] = None  # switching the kind clears the other subjects
    for name, value in fields.items():
        setattr(commendation, name, value)
    return _save(commendation, actor, activities, "commendation.updated", before)


@transaction.atomic
def commendation_delete(*, commendation: Commendation, actor: Any) -> None:
    audit_log(
        actor=actor,
        verb="commendation.deleted",
        target=commendation,
        commune=commendation.commune,
        before=snapshot(commendation),
    )
    commendation.delete()
