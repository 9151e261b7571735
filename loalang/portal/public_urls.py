from django.urls import path

from loalang.portal import public_views as v

app_name = "portal"

# The public section of a commune, mounted at /<commune_slug>/ (config/urls.py).
urlpatterns = [
    path("", v.home, name="home"),
    path("tin/", v.article_list, name="articles"),
    path("tin/chu-de/<int:theme_id>/", v.article_list, name="theme"),
    path("tin/<slug:slug>/", v.article_detail, name="article"),
    path("tin/<slug:slug>/in/", v.article_print, name="article_print"),
    path("tim-kiem/", v.search, name="search"),
    path("van-ban/", v.document_list, name="documents"),
    path("van-ban/<int:pk>/", v.document_detail, name="document"),
    path("van-ban/<int:pk>/tai-ve/", v.document_download, name="document_download"),
    path("su-kien/", v.event_list, name="events"),
    path("su-kien/<int:pk>/", v.event_detail, name="event"),
    path("su-kien.ics", v.event_ics, name="events_ics"),
    path("hoi-dap/", v.question_list, name="questions"),
    path("hoi-dap/gui/", v.question_ask, name="ask"),
    path("hoi-dap/tra-cuu/", v.question_lookup, name="question_lookup"),
    path("hoi-dap/<int:pk>/", v.question_detail, name="question"),
    path("lien-he/", v.contact, name="contact"),
    path("rss.xml", v.rss, name="rss"),
    path("atom.xml", v.atom, name="atom"),
    path("tin.json", v.export_json, name="json"),
    path("banner/", v.banner_frame, name="banner_frame"),
    path("banner.js", v.banner_script, name="banner_js"),
    path("banner.svg", v.banner_image, name="banner_svg"),
    path("sitemap.xml", v.commune_sitemap, name="sitemap"),
]
