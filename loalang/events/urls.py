from django.urls import path

from loalang.events import views

app_name = "events"

# Staff pages, mounted under /app/<commune_slug>/su-kien/ (config/urls.py).
urlpatterns = [
    path("hoat-dong/<int:activity_pk>/nguoi-tham-du/", views.attendees, name="attendees"),
    path("nguoi-tham-du/<int:pk>/xoa/", views.attendee_delete, name="attendee_delete"),
    path("thong-bao-du-lieu/", views.consent_notice, name="notice"),
    path("thong-bao-du-lieu/phien-ban-moi/", views.notice_edit, name="notice_edit"),
    path("yeu-cau-du-lieu/", views.data_requests, name="requests"),
    path("yeu-cau-du-lieu/xu-ly/", views.data_request_handle, name="request_handle"),
]
