from django.urls import path

from loalang.plans import import_views, views

app_name = "plans"

# Staff pages, mounted under /app/<commune_slug>/ke-hoach/ (config/urls.py).
urlpatterns = [
    path("", views.plan_list_view, name="list"),
    path("them/", views.plan_create_view, name="create"),
    path("nhap/", import_views.plan_import_view, name="import"),
    path("nhap/<int:pk>/", import_views.plan_import_review_view, name="import_review"),
    path("nhap/<int:pk>/bo/", import_views.plan_import_discard_view, name="import_discard"),
    path("<int:pk>/", views.plan_detail_view, name="detail"),
    path("<int:pk>/xem-truoc/", views.plan_preview_view, name="preview"),
    path("<int:pk>/tai-ve.docx", views.plan_docx_view, name="docx"),
    path("<int:pk>/tai-ve.pdf", views.plan_pdf_view, name="pdf"),
    path("<int:pk>/sua/", views.plan_header_view, name="edit_header"),
    path("<int:pk>/sua/<slug:section>/", views.plan_section_view, name="edit_section"),
    path("<int:pk>/trinh/", views.plan_submit_view, name="submit"),
    path("<int:pk>/duyet/", views.plan_approve_view, name="approve"),
    path("<int:pk>/tra-lai/", views.plan_return_view, name="return"),
    path("<int:pk>/ban-hanh/", views.plan_issue_view, name="issue"),
    path("<int:pk>/ket-thuc/", views.plan_close_view, name="close"),
    path("<int:pk>/phien-ban-moi/", views.plan_new_version_view, name="new_version"),
    path("<int:pk>/sao-chep/", views.plan_copy_view, name="copy"),
    path("<int:pk>/xoa/", views.plan_delete_view, name="delete"),
    path("<int:pk>/dang-cong/", views.plan_publish_view, name="publish"),
    path("<int:pk>/lich-su/", views.plan_history_view, name="history"),
]
