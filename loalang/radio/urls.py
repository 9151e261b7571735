from django.urls import path

from loalang.radio.views import broadcasts, bulletins, players, station

app_name = "radio"

# Staff pages, mounted at /app/<commune_slug>/dai-truyen-thanh/ (config/urls.py).
urlpatterns = [
    path("", station.home, name="home"),
    path("ban-tin/", bulletins.bulletin_list_view, name="bulletin_list"),
    path("ban-tin/them/", bulletins.bulletin_create, name="bulletin_create"),
    path("ban-tin/<int:pk>/", bulletins.bulletin_detail, name="bulletin_detail"),
    path("ban-tin/<int:pk>/sua/", bulletins.bulletin_edit, name="bulletin_edit"),
    path("ban-tin/<int:pk>/gui-duyet/", bulletins.bulletin_submit, name="bulletin_submit"),
    path("ban-tin/<int:pk>/duyet/", bulletins.bulletin_approve, name="bulletin_approve"),
    path("ban-tin/<int:pk>/tra-lai/", bulletins.bulletin_return, name="bulletin_return"),
    path("ban-tin/<int:pk>/ngung-phat/", bulletins.bulletin_withdraw, name="bulletin_withdraw"),
    path("ban-tin/<int:pk>/phat-ngay/", bulletins.bulletin_on_air, name="bulletin_on_air"),
    path("ban-tin/<int:pk>/ghi-am/", bulletins.recording_upload, name="recording_upload"),
    path("am-thanh/<int:pk>/thu-lai/", bulletins.version_retry, name="version_retry"),
    path("am-thanh/<int:pk>.<str:fmt>", bulletins.version_audio, name="version_audio"),
    path("am-thanh/<int:pk>/ban-goc/", bulletins.version_original, name="version_original"),
    path("cum-loa/", station.cluster_list_view, name="cluster_list"),
    path("cum-loa/them/", station.cluster_edit, name="cluster_create"),
    path("cum-loa/<int:pk>/", station.cluster_edit, name="cluster_edit"),
    path("cum-loa/<int:pk>/may-phat/them/", players.player_issue, name="player_issue"),
    path(
        "cum-loa/<int:pk>/may-phat/<int:device_pk>/thu-hoi/",
        players.player_revoke,
        name="player_revoke",
    ),
    path("buoi-phat/", station.slot_list_view, name="slot_list"),
    path("buoi-phat/them/", station.slot_edit, name="slot_create"),
    path("buoi-phat/<int:pk>/", station.slot_edit, name="slot_edit"),
    path("lich-phat/", broadcasts.schedule, name="schedule"),
    path("lich-phat/goi-phat.zip", broadcasts.bundle_download, name="bundle_download"),
    path("lich-phat/gui/", broadcasts.bundle_push, name="bundle_push"),
    path("nhat-ky/", broadcasts.log_day, name="log"),
    path("nhat-ky/xac-nhan/", broadcasts.log_confirm, name="log_confirm"),
    path("nhat-ky/xac-nhan-ca-buoi/", broadcasts.log_confirm_session, name="log_confirm_session"),
    path("nhat-ky/nhap/", broadcasts.log_import, name="log_import"),
    path("nhat-ky/thang.csv", broadcasts.log_month_export, {"fmt": "csv"}, name="log_month_csv"),
    path("nhat-ky/thang.pdf", broadcasts.log_month_export, {"fmt": "pdf"}, name="log_month_pdf"),
    path("cach-doc/", station.lexicon, name="lexicon"),
    path("cach-doc/<int:pk>/xoa/", station.lexicon_delete, name="lexicon_delete"),
    path("cau-hinh/", station.station_settings, name="settings"),
]
