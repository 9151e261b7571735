from django.urls import path

from loalang.privacy import views

app_name = "privacy"

# Staff pages, mounted under /app/<commune_slug>/du-lieu-ca-nhan/ (config/urls.py).
urlpatterns = [
    path("", views.incident_list_view, name="list"),
    path("su-co/them/", views.incident_create_view, name="create"),
    path("su-co/<int:pk>/", views.incident_detail_view, name="detail"),
    path("su-co/<int:pk>/sua/", views.incident_edit_view, name="edit"),
    path("su-co/<int:pk>/thong-bao.docx", views.notice_docx_view, name="notice_docx"),
    path("su-co/<int:pk>/thong-bao.pdf", views.notice_pdf_view, name="notice_pdf"),
    path("danh-gia-tac-dong/", views.dossier_view, name="dossier"),
    path("danh-gia-tac-dong.docx", views.dossier_docx_view, name="dossier_docx"),
    path("danh-gia-tac-dong.pdf", views.dossier_pdf_view, name="dossier_pdf"),
]
