"""URL map. Staff pages live under /app/<commune_slug>/, the public portal under
/<commune_slug>/, so a commune's staff and public addresses never collide."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from loalang.core import views as core_views
from loalang.home import views as home_views
from loalang.notifications import views_settings as notification_views
from loalang.ops import views as ops_views
from loalang.portal import public_views as portal_public

staff_patterns = [
    path("", include("loalang.home.urls")),
    path("to-chuc/", include("loalang.people.urls")),
    path("nguoi-dung/", include("loalang.accounts.staff_urls")),
    path("dia-ban/", include("loalang.places.urls")),
    path("ke-hoach/", include("loalang.plans.urls")),
    path("van-ban/", include("loalang.documents.urls")),
    path("nhiem-vu/", include("loalang.tasks.urls")),
    path("hoat-dong/", include("loalang.activities.urls")),
    path("su-kien/", include("loalang.events.urls")),
    path("kinh-phi/", include("loalang.budget.urls")),
    path("cong-thong-tin/", include("loalang.portal.urls")),
    path("dai-truyen-thanh/", include("loalang.radio.urls")),
    path("bao-cao/", include("loalang.reports.urls")),
    path("thong-bao/", include("loalang.notifications.urls")),
    path("bieu-duong/", include("loalang.commendations.urls")),
    path("khoa-api/", include("loalang.api.staff_urls")),
    path("du-lieu-ca-nhan/", include("loalang.privacy.urls")),
]

handler403 = "loalang.home.views.permission_denied"

urlpatterns = [
    path("", home_views.landing, name="landing"),
    path("healthz", ops_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("sw.js", notification_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", notification_views.manifest, name="manifest"),
    path("robots.txt", portal_public.robots_txt, name="robots_txt"),
    path("sitemap.xml", portal_public.root_sitemap, name="sitemap_index"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("loalang.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/player/v1/", include("loalang.radio.player_urls")),
    path("api/", include("loalang.api.urls")),
    path("app/", home_views.app_redirect, name="app"),
    path("app/<slug:commune_slug>/", include(staff_patterns)),
    path("tinh/", include("loalang.reports.province_urls")),
    path("quan-tri-tinh/", include("loalang.provinces.urls")),
]

if settings.SERVE_MEDIA:
    # Public media through the app for single-machine installs; files under private/ are
    # served only by access-checked views. Object-storage sites set SERVE_MEDIA=False.
    urlpatterns.append(path("media/<path:path>", core_views.public_media, name="media"))

# Last: the public side of a commune, /<commune_slug>/… (radio first, then the portal).
urlpatterns.append(path("<slug:commune_slug>/dai/", include("loalang.radio.public_urls")))
urlpatterns.append(path("<slug:commune_slug>/", include("loalang.portal.public_urls")))
