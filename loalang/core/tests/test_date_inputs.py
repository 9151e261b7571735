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


def test_every_date_picker_renders_iso_dates():
    day = dt.date(2023, 3, 5)
    checked, wrong = 0, []
    with translation.override("vi"):
        for form_class in _form_classes():
            for name, field in getattr(form_class, "base_fields", {}).items():
                widget = field.widget
                if not isinstance(widget, forms.DateInput):
                    continue
                if widget.attrs.get("type", widget.input_type) != "date":
                    continue
                checked += 1
                if widget.format_value(day) != "2023-03-05":
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert checked >= 10  # the walk really finds the project's date pickers
    assert wrong == []
