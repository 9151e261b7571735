from django.urls import path  # noqa: F401

app_name = "notifications"

# Staff pages, mounted under /app/<commune_slug>/ (config/urls.py).
urlpatterns: list = []
