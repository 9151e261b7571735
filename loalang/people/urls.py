from django.urls import path

from loalang.people import views

app_name = "people"

# Mounted under /app/<commune_slug>/to-chuc/.
urlpatterns = [
    path("", views.index, name="index"),
    path("can-bo/", views.person_index, name="person_list"),
    path("can-bo/them/", views.person_edit, name="person_create"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("don-vi/them/", views.unit_edit, name="unit_create"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/xoa/", views.unit_delete, name="unit_delete"),
    path("to-cong-nghe/them/", views.team_edit, name="team_create"),
    path("to-cong-nghe/<int:pk>/sua/", views.team_edit, name="team_edit"),
    path("to-cong-nghe/<int:team_pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/xoa/", views.member_remove, name="member_remove"),
]
