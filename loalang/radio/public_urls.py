from django.urls import path

from loalang.radio import public_views

app_name = "radio_public"

# Public radio pages (recent bulletins, podcast feed), mounted at /<commune_slug>/dai/.
urlpatterns = [
    path("", public_views.bulletin_index, name="index"),
    path("podcast.xml", public_views.podcast_feed, name="feed"),
    path("am-thanh/<int:pk>.<str:fmt>", public_views.audio, name="audio"),
]
