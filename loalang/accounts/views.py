from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from loalang.accounts import throttle
from loalang.accounts.forms import LoginForm

if TYPE_CHECKING:  # django-stubs makes the view generic in its form; Django itself does not
    _LoginViewBase = auth_views.LoginView[LoginForm]
else:
    _LoginViewBase = auth_views.LoginView


class LoginView(_LoginViewBase):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.session.pop("expired", False):
            messages.info(
                request, _("Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.")
            )
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except throttle.LoginLocked as locked:
            context = {"retry_at": locked.attempt.retry_at}
            return render(request, "accounts/locked_out.html", context, status=429)

    def form_valid(self, form: LoginForm) -> HttpResponse:
        from loalang.accounts import totp
        from loalang.accounts.totp_views import start_pending_login

        user = form.get_user()
        if totp.confirmed_device(user) is not None:
            return start_pending_login(self.request, user, self.get_success_url())
        response = super().form_valid(form)
        throttle.device_remember(self.request, response, user.username)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule): a link cannot log anyone out."""
