"""Reads of the documents app: who signs by default, which document holds a number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps

from loalang.documents.signers import Signer, chair_signer

# Every model that stores an issued document number: (app label, model, year field, kind).
# Numbers of the same commune, symbol and year come from one register, whatever the model.
NUMBERED = [
    ("plans", "Plan", "issued_year", "Kế hoạch"),
    ("reports", "Report", "number_year", "Báo cáo"),
]


def default_signer(commune: Any) -> Signer:
    """The commune's Chair signing for the committee: the person a new plan or report is
    pre-filled with (editable). The Chair is the active CHAIR member of the commune, else a
    staff record whose position is the Chair's; the name stays blank if there is neither."""
    from loalang.accounts.models import Membership, Role
    from loalang.people.models import Person

    member = (
        Membership.objects.filter(commune=commune, role=Role.CHAIR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if member is not None:
        return chair_signer(member.user.get_full_name())
    for person in Person.objects.filter(commune=commune, is_active=True).order_by("pk"):
        position = person.position_title.casefold()
        if position.startswith("chủ tịch ubnd") or position.startswith("chủ tịch ủy ban"):
            return chair_signer(person.full_name)
    return chair_signer("")


@dataclass(frozen=True)
class NumberHolder:
    kind: str
    title: str
    issued_on: dt.date | None
    pk: int
    model: str

    @property
    def label(self) -> str:
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.kind} “{self.title}”{day}"


def number_holder(
    *, commune: Any, symbol: str, year: int, number: int, exclude: Any = None
) -> NumberHolder | None:
    """The document of `commune` already issued in Loa Làng as number/symbol in `year`
    (any document type), or None. `exclude` is the document being issued."""
    for app_label, model_name, year_field, kind in NUMBERED:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field("number")
        values: list[Any] = (
            [f"{number:02d}", str(number)] if field.get_internal_type() == "CharField" else [number]
        )
        rows = model.objects.filter(
            commune=commune, symbol=symbol, number__in=values, **{year_field: year}
        )
        if exclude is not None and isinstance(exclude, model):
            rows = rows.exclude(pk=exclude.pk)
        row = rows.first()
        if row is not None:
            return NumberHolder(kind, row.title, row.issued_on, row.pk, model_name)
    return None
