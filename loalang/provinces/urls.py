from django.urls import path

from loalang.provinces import views

app_name = "provinces"

# Mounted at /quan-tri-tinh/ (config/urls.py). Every page below <province_slug> is for that
# province's administrators only (accounts.access.province_admin_view).
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:province_slug>/", views.home, name="home"),
    path("<slug:province_slug>/nap-danh-muc/", views.load_official, name="load_official"),
    path("<slug:province_slug>/xa/them/", views.commune_create, name="commune_create"),
    path(
        "<slug:province_slug>/xa/<int:pk>/trang-thai/", views.commune_toggle, name="commune_toggle"
    ),
    path("<slug:province_slug>/sap-nhap/", views.merge, name="merge"),
    path("<slug:province_slug>/nhap/", views.import_sheet, name="import"),
    path("<slug:province_slug>/nhap/ket-qua/", views.import_done, name="import_done"),
    path(
        "<slug:province_slug>/nhap/mau-<slug:kind>.<str:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("<slug:province_slug>/nguoi-dung/", views.users, name="users"),
    path(
        "<slug:province_slug>/nguoi-dung/<int:pk>/dat-lai-mat-khau/",
        views.user_reset,
        name="user_reset",
    ),
    path("<slug:province_slug>/mac-dinh/", views.defaults, name="defaults"),
    path("<slug:province_slug>/ten-mien/", views.hosts, name="hosts"),
    path("<slug:province_slug>/ten-mien/<int:pk>/xoa/", views.host_delete, name="host_delete"),
    path("<slug:province_slug>/theo-doi/", views.dashboard, name="dashboard"),
    path(
        "<slug:province_slug>/theo-doi.<str:fmt>", views.dashboard_export, name="dashboard_export"
    ),
]
