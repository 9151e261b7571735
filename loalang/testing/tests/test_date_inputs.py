"""Every date, date-time and time field uses core's shared picker widget, which gets its value
as YYYY-MM-DD (YYYY-MM-DDTHH:MM, HH:MM).

An <input type="date"> shows nothing for any other format, and the site's own input format
is dd/mm/yyyy (config/formats): a date widget without format="%Y-%m-%d" renders an edit form
with the date blank, and saving it can clear the date. The format lives in one place,
`loalang.core.forms.DateInput` / `DateTimeInput` / `TimeInput` (ADR 0090); this walks every
form class of every app and fails on a date field with any other widget.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

from django import forms
from django.apps import apps
from django.forms.widgets import DateTimeBaseInput, HiddenInput, MultipleHiddenInput
from django.utils import translation

from loalang.core.forms import DateInput, DateTimeInput, TimeInput


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("loalang."):
            continue
        package = importlib.import_module(config.name)
        names = [m.name for m in pkgutil.iter_modules(package.__path__)]
        for name in names:
            if "form" not in name:
                continue
            module = importlib.import_module(f"{config.name}.{name}")
            for _n, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                    found.append(obj)
    return found


# What the browser's pickers accept, by input type.
EXPECTED = {
    "date": (dt.date(2023, 3, 5), "2023-03-05"),
    "datetime-local": (dt.datetime(2023, 3, 5, 14, 30), "2023-03-05T14:30"),
    "time": (dt.time(14, 30), "14:30"),
}


# The shared widget each kind of field must use.
SHARED = {
    forms.DateField: DateInput,
    forms.DateTimeField: DateTimeInput,
    forms.TimeField: TimeInput,
}


def _shared_widget_for(field: forms.Field) -> type | None:
    for field_class, widget_class in SHARED.items():
        if isinstance(field, field_class):
            return widget_class
    return None


def test_every_date_field_uses_the_shared_picker():
    checked, wrong = 0, []
    for form_class in _form_classes():
        for name, field in getattr(form_class, "base_fields", {}).items():
            widget = field.widget
            expected = _shared_widget_for(field)
            if expected is None and isinstance(widget, DateTimeBaseInput):
                expected = DateInput  # a date widget on another kind of field
            if expected is None or isinstance(widget, HiddenInput | MultipleHiddenInput):
                continue
            checked += 1
            if not isinstance(widget, expected):
                wrong.append(
                    f"{form_class.__module__}.{form_class.__name__}.{name}: "
                    f"{type(widget).__name__}, use loalang.core.forms.{expected.__name__}"
                )
    assert checked >= 20  # the walk really finds the project's date fields
    assert wrong == []


def test_every_date_picker_renders_iso_dates():
    checked, wrong = 0, []
    with translation.override("vi"):
        for form_class in _form_classes():
            for name, field in getattr(form_class, "base_fields", {}).items():
                widget = field.widget
                if not isinstance(widget, DateTimeBaseInput):
                    continue
                kind = widget.attrs.get("type", widget.input_type)
                if kind not in EXPECTED:
                    continue
                checked += 1
                value, shown = EXPECTED[kind]
                if widget.format_value(value) != shown:
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert checked >= 10  # the walk really finds the project's date pickers
    assert wrong == []
