from django.urls import path

from loalang.home import views

app_name = "home"

# Mounted under /app/<commune_slug>/ (config/urls.py).
urlpatterns = [
    path("", views.commune_home, name="commune_home"),
    path("nhat-ky-thao-tac/", views.audit_list, name="audit_list"),
]
