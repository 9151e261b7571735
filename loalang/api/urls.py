from django.urls import path

from loalang.api.api import api

# The HTTP API, mounted at /api/ (config/urls.py): schema /api/openapi.json, docs /api/docs.
urlpatterns = [path("", api.urls)]
