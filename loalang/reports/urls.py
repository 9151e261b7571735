from django.urls import path

from loalang.reports import views

app_name = "reports"

# Staff pages, mounted under /app/<commune_slug>/bao-cao/ (config/urls.py).
urlpatterns = [
    path("", views.index, name="index"),
    path("tao/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/so-lieu-nhap-tay/", views.manual, name="manual"),
    path("<int:pk>/soan-lai/", views.redraft, name="redraft"),
    path("<int:pk>/trinh/", views.submit, name="submit"),
    path("<int:pk>/tra-lai/", views.send_back, name="send_back"),
    path("<int:pk>/ban-hanh/", views.issue, name="issue"),
    path("<int:pk>/tai/<str:fmt>/", views.download, name="download"),
    path("<int:pk>/bieu-do/<slug:name>.png", views.chart, name="chart"),
    path("<int:pk>/thay-doi/", views.changes, name="changes"),
]
