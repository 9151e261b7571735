"""The create/edit/delete page flow shared by simple reference records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from loalang.core.services import RecordInUse, record_delete, record_save


def edit_page(
    request: HttpRequest,
    *,
    form: forms.ModelForm,
    verb: str,
    title: str,
    success_url: str,
    commune: Any,
    fixed: dict[str, Any] | None = None,
    template: str = "core/record_form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        obj = record_save(form=form, actor=request.user, verb=verb, commune=commune, fixed=fixed)
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": obj})
        return redirect(success_url)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "cancel_url": success_url, **(extra or {})}
    return render(request, template, context, status=status)


def delete_action(
    request: HttpRequest, *, obj: Any, verb: str, success_url: str, commune: Any
) -> HttpResponse:
    try:
        record_delete(obj=obj, actor=request.user, verb=verb, commune=commune)
    except RecordInUse as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã xóa “%(name)s”.") % {"name": obj})
    return redirect(success_url)
