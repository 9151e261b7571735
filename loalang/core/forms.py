from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class CommuneScopedForm(forms.ModelForm):
    """A ModelForm whose foreign-key choices are limited to one commune's records."""

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and any(f.name == "commune" for f in qs.model._meta.fields):
                field.queryset = qs.filter(commune=commune)  # type: ignore[attr-defined]


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields: on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def name_taken(queryset: Any, name: str, *, exclude_pk: Any = None) -> bool:
    """Is `name` already used in `queryset`, ignoring case and spacing?

    Done in Python: SQLite's case-insensitive LIKE folds only ASCII, so 'Đoàn' ≠ 'đoàn' there.
    Querysets here are one commune's villages/units/teams: tens of rows.
    """
    wanted = " ".join(name.split()).casefold()
    names = queryset.exclude(pk=exclude_pk).values_list("name", flat=True)
    return any(" ".join(n.split()).casefold() == wanted for n in names)
