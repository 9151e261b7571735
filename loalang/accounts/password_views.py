"""Password pages: change one's own, reset by e-mail (where the site sends mail), and the
user manager's reset that forces a change at next login."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.accounts.models import User
from loalang.accounts.services import (
    can_reset_password,
    password_change,
    password_reset_by_manager,
)
from loalang.core.forms import apply_errors
from loalang.places.models import Commune

HELP = gettext_lazy("Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số.")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": gettext_lazy("Mật khẩu hiện tại không đúng."),
        "password_mismatch": gettext_lazy("Hai lần nhập mật khẩu mới không khớp."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = gettext_lazy("Mật khẩu hiện tại")
        self.fields["new_password1"].label = gettext_lazy("Mật khẩu mới")
        self.fields["new_password1"].help_text = HELP
        self.fields["new_password2"].label = gettext_lazy("Nhập lại mật khẩu mới")

    def save(self, commit: bool = True) -> Any:
        return password_change(user=self.user, new_password=self.cleaned_data["new_password1"])


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view: the session gets a new key and stays valid; other sessions end."""

    http_method_names = ["get", "post"]
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("app")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(label=gettext_lazy("Địa chỉ e-mail của tài khoản"), max_length=254)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The link in the e-mail is built from LOALANG_SITE_URL, never from the request's Host
        # header: behind a wildcard ALLOWED_HOSTS (".thanhhoa.gov.vn") an attacker's Host
        # would otherwise put their own address in front of a valid reset token.
        site = urlsplit(settings.LOALANG_SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        super().save(*args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Always the same answer, whether or not the address belongs to an account."""

    http_method_names = ["get", "post"]
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.EMAIL_ENABLED:
            return render(request, "accounts/password_reset_form.html", {"no_email": True})
        return super().dispatch(request, *args, **kwargs)


class SetPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": gettext_lazy("Hai lần nhập mật khẩu mới không khớp.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("Mật khẩu mới")
        self.fields["new_password1"].help_text = HELP
        self.fields["new_password2"].label = gettext_lazy("Nhập lại mật khẩu mới")

    def save(self, commit: bool = True) -> Any:
        return password_change(user=self.user, new_password=self.cleaned_data["new_password1"])


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    http_method_names = ["get", "post"]
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class TemporaryPasswordForm(forms.Form):
    new_password = forms.CharField(
        label=gettext_lazy("Mật khẩu tạm thời"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Báo riêng cho người dùng. Lần đăng nhập tới họ phải tự đặt mật khẩu mới."
        ),
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def member_password_reset(request: CommuneRequest, commune: Commune, user_pk: int) -> HttpResponse:
    target = get_object_or_404(
        User, pk=user_pk, memberships__commune=commune, memberships__is_active=True
    )
    if not can_reset_password(actor=request.user, commune=commune, target=target):
        raise PermissionDenied
    form = TemporaryPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_by_manager(
                actor=request.user,
                commune=commune,
                target=target,
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            apply_errors(form, ValidationError({"new_password": exc.messages}))
        else:
            messages.success(
                request,
                _("Đã đặt mật khẩu tạm thời cho %(u)s; họ sẽ phải đổi khi đăng nhập.")
                % {"u": target.username},
            )
            return redirect("accounts_staff:member_list", commune_slug=commune.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "target": target}
    return render(request, "accounts/member_password_reset.html", context, status=status)
