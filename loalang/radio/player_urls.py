from django.urls import path

from loalang.radio.views import player_api

app_name = "player_api"

# Loa Làng Player's JSON API, mounted at /api/player/v1/ (config/urls.py; ADR 0055).
urlpatterns = [
    path("programme", player_api.programme, name="programme"),
    path("poll", player_api.poll, name="poll"),
    path("audio/<int:pk>.mp3", player_api.audio, name="audio"),
    path("asrun", player_api.asrun, name="asrun"),
    path("heartbeat", player_api.heartbeat, name="heartbeat"),
]
