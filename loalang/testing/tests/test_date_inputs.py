"""Every browser date picker gets its value as YYYY-MM-DD.

An <input type="date"> shows nothing for any other format, and the site's own input format
is dd/mm/yyyy (config/formats): a date widget without format="%Y-%m-%d" renders an edit form
with the date blank, and saving it can clear the date. Walks every form class of every app.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

from django import forms
from django.apps import apps
from django.forms.widgets import DateTimeBaseInput
from django.utils import translation


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
