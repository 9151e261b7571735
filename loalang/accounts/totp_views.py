"""Two-step login pages: enrol an authenticator app, and the code step after the password."""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from loalang.accounts import throttle, totp
from loalang.accounts.access import AuthenticatedRequest
from loalang.accounts.models import TOTPDevice, User

PENDING = "totp_pending"
PENDING_SECONDS = 300
MAX_TRIES = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã 6 chữ số (hoặc mã khôi phục)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def start_pending_login(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Called by the login view after a correct password when the user has a device."""
    request.session[PENDING] = {
        "uid": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "at": int(time.time()),
        "next": next_url,
        "tries": 0,
    }
    return redirect("accounts:two_factor_verify")


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, _("Vui lòng đăng nhập lại."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(pk=pending["uid"], is_active=True).first()
        check = (
            totp.second_factor_check(user=user, code=form.cleaned_data["code"])
            if user is not None
            else totp.Check(ok=False)
        )
        if check.locked_until is not None:
            del request.session[PENDING]
            at = date_filter(timezone.localtime(check.locked_until), "H:i d/m/Y")
            messages.error(
                request,
                _(
                    "Nhập sai mã quá nhiều lần: bước xác thực hai bước của tài khoản này tạm "
                    "khóa đến %(at)s."
                )
                % {"at": at},
            )
            return redirect("accounts:login")
        if user is not None and check.ok:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            if check.used_recovery_code:
                messages.warning(
                    request,
                    _(
                        "Bạn vừa dùng một mã khôi phục (còn %(n)s mã). Hãy tạo bộ mã mới "
                        "trong trang Đăng nhập hai bước."
                    )
                    % {"n": totp.recovery_codes_left(user)},
                )
            next_url = pending["next"]
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = "/app/"
            response = redirect(next_url)
            throttle.device_remember(request, response, user.username)
            return response
        pending["tries"] += 1
        request.session[PENDING] = pending
        if pending["tries"] >= MAX_TRIES:
            del request.session[PENDING]
            messages.error(request, _("Nhập sai mã quá nhiều lần. Vui lòng đăng nhập lại."))
            return redirect("accounts:login")
        form.add_error(
            "code", _("Mã không đúng hoặc đã dùng. Hãy nhập mã đang hiện trên ứng dụng.")
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not totp.is_eligible(user):
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "accounts/two_factor_setup.html", {"not_eligible": True})
    device = TOTPDevice.objects.filter(user=user).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "begin":
            totp.totp_begin(user=user)
            return redirect("accounts:two_factor_setup")
        if form.is_valid() and action == "confirm":
            if totp.totp_confirm(user=user, code=form.cleaned_data["code"]):
                messages.success(request, _("Đã bật đăng nhập hai bước."))
                return redirect("accounts:two_factor_setup")
            form.add_error("code", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi thử lại."))
        elif action == "recovery" and device is not None and device.is_confirmed:
            codes = totp.recovery_codes_generate(user=user)
            shown = {"device": device, "form": CodeForm(), "recovery_codes": codes}
            response = render(request, "accounts/two_factor_setup.html", shown)
            response["Cache-Control"] = "no-store"  # shown once: never from a cache
            return response
        elif form.is_valid() and action == "disable":
            if totp.totp_disable(user=user, code=form.cleaned_data["code"]):
                messages.success(request, _("Đã tắt đăng nhập hai bước."))
                return redirect("accounts:two_factor_setup")
            form.add_error("code", _("Mã không đúng."))
        elif action not in {"confirm", "disable", "recovery"}:
            return HttpResponse(status=400)
    context: dict[str, object] = {"device": device, "form": form}
    if device is not None and device.is_confirmed:
        context["recovery_left"] = totp.recovery_codes_left(user)
    if device is not None and not device.is_confirmed:
        uri = totp.provisioning_uri(device)
        context.update(qr=totp.qr_data_uri(uri), secret=device.secret)
    return render(request, "accounts/two_factor_setup.html", context)
