from django.urls import path

from loalang.accounts import password_views, staff_views

app_name = "accounts_staff"

# Mounted under /app/<commune_slug>/nguoi-dung/.
urlpatterns = [
    path("", staff_views.member_list, name="member_list"),
    path("them/", staff_views.member_grant, name="member_grant"),
    path("<int:pk>/thu-hoi/", staff_views.member_revoke, name="member_revoke"),
    path(
        "tai-khoan/<int:user_pk>/dat-lai-mat-khau/",
        password_views.member_password_reset,
        name="member_password_reset",
    ),
]
