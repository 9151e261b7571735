from django.urls import path  # noqa: F401

app_name = "portal"

# The public section of a commune, mounted at /<commune_slug>/ (config/urls.py).
urlpatterns: list = []
