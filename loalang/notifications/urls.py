from django.urls import path

from loalang.notifications import views, views_settings

app_name = "notifications"

# Staff pages, mounted under /app/<commune_slug>/thong-bao/ (config/urls.py).
urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("<int:pk>/mo/", views.notification_open_view, name="open"),
    path("doc-tat-ca/", views.notification_read_all_view, name="read_all"),
    path("cai-dat/", views_settings.settings_view, name="settings"),
    path("cai-dat/gui-thu/", views_settings.send_test_view, name="send_test"),
    path("day/dang-ky/", views_settings.push_subscribe_view, name="push_subscribe"),
    path("day/huy/", views_settings.push_unsubscribe_view, name="push_unsubscribe"),
]
