from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone


def day_from(request: HttpRequest, default_offset: int = 0) -> dt.date:
    """?date=YYYY-MM-DD, or today (+ offset) in Vietnam time."""
    raw = request.GET.get("date", "")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return timezone.localdate() + dt.timedelta(days=default_offset)


def error_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form's fields (or the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
