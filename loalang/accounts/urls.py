from django.urls import path

from loalang.accounts import totp_views, views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-hai-buoc/", totp_views.two_factor_verify, name="two_factor_verify"),
    path("bao-mat/hai-buoc/", totp_views.two_factor_setup, name="two_factor_setup"),
]
