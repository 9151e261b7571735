from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from loalang.core.forms import apply_errors, flash_errors


class _Form(forms.Form):
    title = forms.CharField()
    evidence = forms.FileField(required=False)


def _form() -> _Form:
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_a_dict_of_errors_goes_field_by_field_and_unknown_names_on_top() -> None:
    form = _form()
    apply_errors(form, ValidationError({"title": "Trùng tên.", "commune": "Sai xã."}))
    assert form.errors["title"] == ["Trùng tên."]
    assert form.non_field_errors() == ["Sai xã."]


@pytest.mark.parametrize(
    "exc", [ValidationError("Kế hoạch đã ban hành."), ValidationError(["Kế hoạch đã ban hành."])]
)
def test_a_plain_error_goes_on_top_instead_of_failing(exc: ValidationError) -> None:
    """A plain ValidationError has no message_dict: reading it was a 500 in one view."""
    form = _form()
    apply_errors(form, exc)
    assert form.non_field_errors() == ["Kế hoạch đã ban hành."]


def test_rename_maps_a_service_argument_to_the_forms_field() -> None:
    form = _form()
    apply_errors(form, ValidationError({"files": "Tệp quá lớn."}), rename={"files": "evidence"})
    assert form.errors["evidence"] == ["Tệp quá lớn."]


def test_non_field_errors_can_go_on_a_named_field() -> None:
    form = _form()
    apply_errors(form, ValidationError("Ảnh hỏng."), non_field="evidence")
    assert form.errors["evidence"] == ["Ảnh hỏng."]


def test_flash_errors_shows_every_message() -> None:
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    flash_errors(request, ValidationError({"a": ["Một."], "b": ["Hai."]}))
    assert [m.message for m in get_messages(request)] == ["Một.", "Hai."]
