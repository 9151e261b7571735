from django.urls import path

from loalang.reports import province_views as views

app_name = "province"

# Province viewers' roll-ups, mounted at /tinh/ (config/urls.py).
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:province_slug>/", views.rollup, name="rollup"),
    path("<slug:province_slug>/tai-xlsx/", views.rollup_export, name="rollup_xlsx"),
    path("<slug:province_slug>/xa/<slug:commune_slug>/", views.commune_detail, name="commune"),
]
