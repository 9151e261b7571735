from django.urls import path

from loalang.radio.views import public

app_name = "radio_public"

# Public radio pages (recent bulletins, podcast feed), mounted at /<commune_slug>/dai/.
urlpatterns = [
    path("", public.bulletin_index, name="index"),
    path("podcast.xml", public.podcast_feed, name="feed"),
    path("am-thanh/<int:pk>.<str:fmt>", public.audio, name="audio"),
]
