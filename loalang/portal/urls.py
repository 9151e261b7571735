from django.urls import path

from loalang.portal import views as v

app_name = "portal_staff"

# Staff pages for the portal (editorial work), mounted under /app/<commune_slug>/cong-thong-tin/.
urlpatterns = [
    path("", v.article_list, name="articles"),
    path("bai-viet/moi/", v.article_edit, name="article_new"),
    path("bai-viet/<int:pk>/", v.article_edit, name="article_edit"),
    path("bai-viet/<int:pk>/chuyen/", v.article_action, name="article_action"),
    path("bai-viet/<int:pk>/kenh/", v.article_channels, name="article_channels"),
    path("bai-viet/<int:pk>/to-roi.pdf", v.article_poster, name="article_poster"),
    path("bai-viet/<int:pk>/phat-thanh/", v.article_to_radio, name="article_to_radio"),
    path("anh/", v.image_upload, name="images"),
    path("hoi-dap/", v.question_list, name="questions"),
    path("hoi-dap/<int:pk>/", v.question_detail, name="question"),
    path("su-kien/", v.event_edit, name="events"),
    path("su-kien/<int:pk>/", v.event_edit, name="event_edit"),
    path("su-kien/<int:pk>/phat-thanh/", v.event_to_radio, name="event_to_radio"),
    path("van-ban/", v.document_list, name="documents"),
    path("van-ban/<int:pk>/go/", v.document_withdraw, name="document_withdraw"),
    path("cai-dat/", v.settings_edit, name="settings"),
]
