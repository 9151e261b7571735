from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest


class FormRenderer(DjangoTemplates):
    """Django's renderer with the site's one form and field template (settings.FORM_RENDERER):
    `{{ form }}` and `{{ field.as_field_group }}` render through core/forms/field.html."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be YYYY-MM-DD whatever the site's input format
    (dd/mm/yyyy): with any other format the picker shows nothing and saving clears the date.
    The one date widget of every form (testing/tests/test_date_inputs.py checks)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker (value YYYY-MM-DDTHH:MM, local time)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    """The browser's time picker (value HH:MM)."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class CommuneScopedForm(forms.ModelForm):
    """A ModelForm whose foreign-key choices are limited to one commune's records."""

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
                continue
            qs = field.queryset
            if any(f.name == "commune" for f in qs.model._meta.fields):
                field.queryset = qs.filter(commune=commune)


def apply_errors(
    form: forms.BaseForm,
    exc: ValidationError,
    *,
    rename: Mapping[str, str] | None = None,
    non_field: str | None = None,
) -> None:
    """Put a service's ValidationError on the form, whatever its shape.

    A dict of errors goes field by field (`rename` maps a service's argument name to the form's
    field, e.g. {"files": "evidence"}); errors for names the form has no field for, and a plain
    ValidationError (a message or a list, which has no `message_dict`), go on `non_field`
    (None: the form as a whole). The one helper every view uses (ADR 0090)."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = rename.get(name, name)
            form.add_error(field if field in form.fields else non_field, errors)
    else:
        form.add_error(non_field, exc)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """Show each message of a service's ValidationError as an error message on the next page
    (for actions without a form: a button that submits, approves, returns)."""
    for message in exc.messages:
        messages.error(request, message)


def name_taken(queryset: Any, name: str, *, exclude_pk: Any = None) -> bool:
    """Is `name` already used in `queryset`, ignoring case and spacing?

    Done in Python: SQLite's case-insensitive LIKE folds only ASCII, so 'Đoàn' ≠ 'đoàn' there.
    Querysets here are one commune's villages/units/teams: tens of rows.
    """
    wanted = " ".join(name.split()).casefold()
    names = queryset.exclude(pk=exclude_pk).values_list("name", flat=True)
    return any(" ".join(n.split()).casefold() == wanted for n in names)
