"""What the impact-assessment dossier says, read from the registry, the models and the
role model for one commune (a selector: it only reads).

`dossier_data(commune)` → `DossierData`; `privacy.document.dossier_document(data)` turns it
into an official document. Nothing here is typed by hand per commune except through the
registry, so a new personal field or a changed role shows up in the next dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from loalang.accounts.access import CAPS
from loalang.accounts.models import Role
from loalang.privacy.registry import DATASETS, PERSONAL, SENSITIVE, Category, Dataset
from loalang.privacy.selectors import privacy_managers


@dataclass(frozen=True)
class FieldRow:
    label: str  # "events.Attendee.phone"
    table: str  # the model's verbose name: "người tham dự"
    field: str  # the field's verbose name: "số điện thoại"
    category: str
    sensitive: bool


@dataclass(frozen=True)
class DatasetRow:
    dataset: Dataset
    fields: list[FieldRow]
    categories: list[str]
    subjects: list[str]
    records: int
    roles: list[str]
    retention: str

    @property
    def has_sensitive(self) -> bool:
        return any(f.sensitive for f in self.fields)


@dataclass(frozen=True)
class DossierData:
    commune_name: str  # "xã Ái Thượng"
    commune_kind: str  # "xã"
    place: str  # "Ái Thượng"
    committee_name: str
    address: str
    phone: str
    email: str
    managers: list[str]
    generated_on: dt.date
    notify_hours: int
    authority: str
    backup_keep_daily: int
    backup_keep_monthly: int
    datasets: list[DatasetRow] = field(default_factory=list)

    @property
    def fields(self) -> list[FieldRow]:
        return [f for d in self.datasets for f in d.fields]

    @property
    def sensitive_fields(self) -> list[FieldRow]:
        return [f for f in self.fields if f.sensitive]


def roles_for(caps: tuple[Any, ...]) -> list[str]:
    """Role names holding any of `caps`, in the order of the role list, then the admin."""
    holders = set().union(*(CAPS[c] for c in caps))
    names = [str(r.label) for r in Role if r.value in holders]
    return [*names, "Quản trị hệ thống"]


def _field_row(label: str, category: Category) -> FieldRow:
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    f = model._meta.get_field(name)
    return FieldRow(
        label=label,
        table=str(model._meta.verbose_name),
        field=str(getattr(f, "verbose_name", name)),
        category=str(category.label),
        sensitive=category in SENSITIVE,
    )


def _records(dataset: Dataset, commune: Any) -> int:
    total = 0
    for label, path in dataset.counts.items():
        model = apps.get_model(label)
        total += model._default_manager.filter(**{path: commune}).distinct().count()
    return total


def _consent_months(commune: Any) -> str:
    from loalang.events.models import ConsentNotice

    notice = ConsentNotice.objects.filter(commune=commune).order_by("-created_at", "-id").first()
    return str(notice.retention_months) if notice else "chưa có thông báo, mặc định 24"


def dossier_data(*, commune: Any, today: dt.date | None = None) -> DossierData:
    """Everything the dossier states for `commune`, as of `today`."""
    by_dataset: dict[str, list[FieldRow]] = {}
    for label, (category, key) in PERSONAL.items():
        by_dataset.setdefault(key, []).append(_field_row(label, category))
    months = _consent_months(commune)
    rows = []
    for d in DATASETS:
        fields = by_dataset.get(d.key, [])
        categories = list(dict.fromkeys(f.category for f in fields))
        rows.append(
            DatasetRow(
                dataset=d,
                fields=fields,
                categories=categories,
                subjects=[str(s.label) for s in d.subjects],
                records=_records(d, commune),
                roles=roles_for(d.caps),
                retention=d.retention.format(consent_months=months),
            )
        )
    return DossierData(
        commune_name=commune.full_name,
        commune_kind=commune.get_kind_display(),
        place=commune.name,
        committee_name=commune.committee_name,
        address=commune.address,
        phone=commune.phone,
        email=commune.email,
        managers=[u.get_full_name() or u.get_username() for u in privacy_managers(commune=commune)],
        generated_on=today or timezone.localdate(),
        notify_hours=settings.LOALANG_PDP_NOTIFY_HOURS,
        authority=settings.LOALANG_PDP_AUTHORITY,
        backup_keep_daily=settings.LOALANG_BACKUP_KEEP_DAILY,
        backup_keep_monthly=settings.LOALANG_BACKUP_KEEP_MONTHLY,
        datasets=rows,
    )
