from django.urls import path

from loalang.budget import views

app_name = "budget"

# Staff pages, mounted under /app/<commune_slug>/kinh-phi/ (config/urls.py).
urlpatterns = [
    path("", views.budget_index_view, name="index"),
    path("ke-hoach/<int:plan_pk>/", views.budget_plan_view, name="plan"),
    path("ke-hoach/<int:plan_pk>/them-nguon/", views.source_create_view, name="source_create"),
    path("nguon/<int:pk>/sua/", views.source_edit_view, name="source_edit"),
    path("nguon/<int:source_pk>/de-xuat/", views.line_create_view, name="line_create"),
    path("du-toan/<int:pk>/sua/", views.line_edit_view, name="line_edit"),
    path("du-toan/<int:pk>/duyet/", views.line_decide_view, name="line_decide"),
    path("du-toan/<int:pk>/ghi-so/", views.line_record_view, name="line_record"),
    path("du-toan/<int:line_pk>/chi/", views.spending_create_view, name="spending_create"),
    path("khoan-chi/<int:pk>/xoa/", views.spending_delete_view, name="spending_delete"),
]
