from django.urls import path  # noqa: F401

app_name = "radio_public"

# Public radio pages (recent bulletins, podcast feed), mounted at /<commune_slug>/dai/.
urlpatterns: list = []
