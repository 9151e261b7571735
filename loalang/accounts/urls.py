from django.contrib.auth import views as auth_views
from django.urls import path

from loalang.accounts import password_views, totp_views, views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-hai-buoc/", totp_views.two_factor_verify, name="two_factor_verify"),
    path("bao-mat/hai-buoc/", totp_views.two_factor_setup, name="two_factor_setup"),
    path("doi-mat-khau/", password_views.PasswordChangeView.as_view(), name="password_change"),
    path("quen-mat-khau/", password_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
