from django.urls import path  # noqa: F401

# The HTTP API, mounted at /api/ (config/urls.py).
urlpatterns: list = []
