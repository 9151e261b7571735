from django.urls import path

from loalang.commendations import views

app_name = "commendations"

# Staff pages, mounted under /app/<commune_slug>/bieu-duong/ (config/urls.py).
urlpatterns = [
    path("", views.commendation_list_view, name="list"),
    path("hoat-dong/", views.activity_search_view, name="activity_search"),
    path("them/", views.commendation_create_view, name="create"),
    path("<int:pk>/", views.commendation_detail_view, name="detail"),
    path("<int:pk>/sua/", views.commendation_edit_view, name="edit"),
    path("<int:pk>/xoa/", views.commendation_delete_view, name="delete"),
]
