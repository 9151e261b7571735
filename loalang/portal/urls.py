from django.urls import path  # noqa: F401

app_name = "portal_staff"

# Staff pages for the portal (editorial work), mounted under /app/<commune_slug>/cong-thong-tin/.
urlpatterns: list = []
