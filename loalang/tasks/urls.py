from django.urls import path

from loalang.tasks import views

app_name = "tasks"

# Staff pages, mounted under /app/<commune_slug>/nhiem-vu/ (config/urls.py).
urlpatterns = [
    path("", views.task_list_view, name="list"),
    path("qua-han/", views.task_overdue_view, name="overdue"),
    path("them/", views.task_create_view, name="create"),
    path("tu-ke-hoach/", views.task_duties_view, name="duties"),
    path("tu-ke-hoach/<int:duty_pk>/", views.task_from_duty_view, name="from_duty"),
    path("<int:pk>/", views.task_detail_view, name="detail"),
    path("<int:pk>/sua/", views.task_edit_view, name="edit"),
    path("<int:pk>/xoa/", views.task_delete_view, name="delete"),
    path("<int:pk>/tien-do/", views.task_progress_view, name="progress"),
    path("<int:pk>/nhac/", views.task_remind_view, name="remind"),
    path("minh-chung/<int:pk>/", views.task_evidence_view, name="evidence"),
]
