from django.urls import path

from loalang.places import views

app_name = "places"

# Mounted under /app/<commune_slug>/dia-ban/.
urlpatterns = [
    path("", views.index, name="index"),
    path("thon/them/", views.village_edit, name="village_create"),
    path("thon/<int:pk>/sua/", views.village_edit, name="village_edit"),
    path("thon/<int:pk>/xoa/", views.village_delete, name="village_delete"),
    path("lien-he/", views.contact_edit, name="contact_edit"),
    path("sap-nhap/them/", views.merger_create, name="merger_create"),
]
