from django.urls import path

from loalang.notifications import views

app_name = "notifications"

# Staff pages, mounted under /app/<commune_slug>/thong-bao/ (config/urls.py).
urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("<int:pk>/mo/", views.notification_open_view, name="open"),
    path("doc-tat-ca/", views.notification_read_all_view, name="read_all"),
]
