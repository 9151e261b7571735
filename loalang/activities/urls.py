from django.urls import path

from loalang.activities import import_views, quick_views, views

app_name = "activities"

# Staff pages, mounted under /app/<commune_slug>/hoat-dong/ (config/urls.py).
urlpatterns = [
    path("", views.activity_index, name="list"),
    path("ghi-nhanh/", quick_views.quick_entry, name="quick"),
    path("ghi-nhanh/<int:pk>/", quick_views.quick_done, name="quick_done"),
    path("bao-phu/", quick_views.coverage, name="coverage"),
    path("them/", views.activity_choose, name="choose"),
    path("them/<str:kind>/", views.activity_create, name="create"),
    path("xac-nhan/", views.activity_verify_many, name="verify_many"),
    path("khoa-so/", views.period_locks, name="locks"),
    path("nhap/", import_views.import_page, name="import"),
    path("nhap/mau.xlsx", import_views.import_template, name="import_template"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/sua/", views.activity_edit, name="edit"),
    path("<int:pk>/xoa/", views.activity_delete, name="delete"),
    path("<int:pk>/xac-nhan/", views.activity_verify, name="verify"),
    path("<int:pk>/tra-lai/", views.activity_return, name="return"),
    path("<int:pk>/minh-chung/", views.evidence_upload, name="evidence_upload"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_remove, name="evidence_delete"),
]
