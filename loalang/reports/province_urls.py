from django.urls import path  # noqa: F401

app_name = "province"

# Province viewers' roll-ups, mounted at /tinh/ (config/urls.py).
urlpatterns: list = []
