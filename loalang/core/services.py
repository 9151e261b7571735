"""Generic writes for simple reference records (villages, units, people, teams).

Domain records with a lifecycle (plans, activities, bulletins…) have their own services; these
two cover plain create/update/delete of a ModelForm-backed record with the audit entry.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot


class RecordInUse(Exception):
    """Raised when a record cannot be deleted because other records point at it."""


@transaction.atomic
def record_save(
    *,
    form: forms.ModelForm,
    actor: Any,
    verb: str,
    commune: Any,
    fixed: dict[str, Any] | None = None,
) -> models.Model:
    """Save a valid ModelForm; `fixed` sets fields the user may not choose (e.g. commune).

    Guarantees: full_clean() before saving; one audit entry, under `commune`, with the
    before/after state.
    """
    instance = form.instance
    before = snapshot(type(instance).objects.get(pk=instance.pk)) if instance.pk else None
    obj = form.save(commit=False)
    for name, value in (fixed or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    form.save_m2m()
    audit_log(
        actor=actor,
        verb=f"{verb}.{'updated' if before else 'created'}",
        target=obj,
        commune=commune,
        before=before,
    )
    return obj


@transaction.atomic
def record_delete(*, obj: models.Model, actor: Any, verb: str, commune: Any) -> None:
    before = snapshot(obj)
    label = str(obj)
    try:
        audit_log(actor=actor, verb=f"{verb}.deleted", target=obj, commune=commune, before=before)
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise RecordInUse(
            _("Không thể xóa “%(name)s” vì đang được dùng trong các bản ghi khác.")
            % {"name": label}
        ) from exc
