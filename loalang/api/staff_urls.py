from django.urls import path

from loalang.api import staff_views

app_name = "api_staff"

# Mounted under /app/<commune_slug>/khoa-api/ (config/urls.py); the API itself is at /api/.
urlpatterns = [
    path("", staff_views.token_list, name="token_list"),
    path("tao/", staff_views.token_create, name="token_create"),
    path("<int:pk>/thu-hoi/", staff_views.token_revoke, name="token_revoke"),
]
