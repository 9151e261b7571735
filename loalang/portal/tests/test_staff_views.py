import io

import pytest
from django.urls import reverse
from PIL import Image

from loalang.documents.readback import pdf_text
from loalang.portal.models import Article, ArticleImage, PublishedDocument
from loalang.portal.selectors import article_list_staff, question_list_staff
from loalang.portal.tests.factories import published_article


def surl(name, commune, *args):
    return reverse(f"portal_staff:{name}", args=[commune.slug, *args])


@pytest.mark.django_db
def test_staff_writes_and_publishes_an_article(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        surl("article_new", commune),
        {
            "title": "Ra quân <script>x</script>",
            "summary": "Tóm tắt",
            "body": "<p>Thân bài</p>",
        },
    )
    assert response.status_code == 302
    a = Article.objects.get()
    assert a.title == "Ra quân"
    client.post(surl("article_action", commune, a.pk), {"action": "publish"})
    a.refresh_from_db()
    assert a.status == Article.Status.PUBLISHED
    assert client.get(a.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_article_form_errors_are_shown_at_the_field(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(surl("article_new", commune), {"title": ""})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_wrong_transition_is_a_message_not_a_crash(client, commune, culture_user):
    a = published_article(commune, culture_user)
    client.force_login(culture_user)
    response = client.post(surl("article_action", commune, a.pk), {"action": "submit"}, follow=True)
    assert "Không thể chuyển" in response.content.decode()
    assert client.post(surl("article_action", commune, a.pk), {"action": "x"}).status_code == 400
    assert client.get(surl("article_action", commune, a.pk)).status_code == 405


@pytest.mark.django_db
def test_outsider_gets_404_on_articles(client, commune, outsider, culture_user):
    a = published_article(commune, culture_user)
    client.force_login(outsider)
    for name, args in [("articles", []), ("article_edit", [a.pk]), ("article_channels", [a.pk])]:
        assert client.get(surl(name, commune, *args)).status_code == 404


@pytest.mark.django_db
def test_one_message_every_channel(client, commune, culture_user):
    a = published_article(
        commune,
        culture_user,
        title="Cài VNeID tại nhà",
        body="<p>Xem <a href='https://dichvucong.gov.vn'>link</a> ở đây.</p>",
    )
    client.force_login(culture_user)
    html = client.get(surl("article_channels", commune, a.pk)).content.decode()
    assert (
        "Kính thưa bà con" in html
        and "https://dichvucong.gov.vn"
        not in html.split('data-testid="radio-script"')[1].split("</textarea>")[0]
    )
    assert "http://testserver" + a.get_absolute_url() in html
    pdf = client.get(surl("article_poster", commune, a.pk))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Cài VNeID tại nhà" in text and "Quét mã QR" in text


@pytest.mark.django_db
def test_send_article_to_radio_creates_a_draft_bulletin(client, commune, culture_user):
    from loalang.radio.models import Bulletin

    a = published_article(commune, culture_user, title="Tin cho đài")
    client.force_login(culture_user)
    assert client.get(surl("article_to_radio", commune, a.pk)).status_code == 405
    client.post(surl("article_to_radio", commune, a.pk))
    bulletin = Bulletin.objects.get(commune=commune)
    assert bulletin.title == "Tin cho đài" and bulletin.origin_id == str(a.pk)


@pytest.mark.django_db
def test_image_upload_checks_content_not_name(client, commune, culture_user):
    client.force_login(culture_user)
    fake = io.BytesIO(b"MZ\x90\x00 not a picture")
    fake.name = "anh.jpg"
    response = client.post(surl("images", commune), {"image": fake, "alt_text": "Ảnh"})
    assert response.status_code == 400
    assert "không phải là ảnh" in response.content.decode()
    assert not ArticleImage.objects.exists()
    buf = io.BytesIO()
    Image.new("RGB", (400, 300)).save(buf, "JPEG")
    buf.seek(0)
    buf.name = "that.jpg"
    assert (
        client.post(surl("images", commune), {"image": buf, "alt_text": "Ảnh"}).status_code == 302
    )
    assert ArticleImage.objects.get().alt_text == "Ảnh"


@pytest.mark.django_db
def test_document_publish_form_refuses_disguised_pdf(client, commune, culture_user):
    client.force_login(culture_user)
    fake = io.BytesIO(b"<html>not pdf</html>")
    fake.name = "vanban.pdf"
    response = client.post(
        surl("documents", commune),
        {
            "doc_type": "thong_bao",
            "number": "5/TB",
            "issued_on": "2024-05-01",
            "issuer": "UBND",
            "title": "Thông báo",
            "pdf": fake,
        },
    )
    assert response.status_code == 400 and "không phải là PDF" in response.content.decode()
    assert not PublishedDocument.objects.exists()


@pytest.mark.django_db
def test_event_and_settings_pages(client, commune, culture_user, outsider):
    client.force_login(culture_user)
    response = client.post(
        surl("events", commune),
        {
            "title": "Ngày hội",
            "starts_at": "2031-01-02T08:00",
            "ends_at": "2031-01-02T07:00",
        },
    )
    assert response.status_code == 400 and "Giờ kết thúc" in response.content.decode()
    assert (
        client.post(
            surl("events", commune), {"title": "Ngày hội", "starts_at": "2031-01-02T08:00"}
        ).status_code
        == 302
    )
    html = client.get(surl("settings", commune)).content.decode()
    assert "banner.js" in html and "tin.json" in html
    client.force_login(outsider)
    assert client.get(surl("settings", commune)).status_code == 404


@pytest.mark.django_db
def test_staff_list_selectors_query_count(commune, culture_user, django_assert_max_num_queries):
    for i in range(4):
        published_article(commune, culture_user, title=f"Bài {i}")
    with django_assert_max_num_queries(1):
        assert len([a.author for a in article_list_staff(commune=commune)]) == 4
    with django_assert_max_num_queries(1):
        list(question_list_staff(commune=commune))


@pytest.mark.django_db
def test_article_to_radio_service_reads_the_article_with_its_themes(commune, culture_user):
    from loalang.portal.channels import ArticleMessage
    from loalang.portal.services import article_to_radio

    a = published_article(
        commune, culture_user, title="Tin cho đài", summary="Bà con cài VNeID mức 2."
    )
    message = ArticleMessage(
        title=a.title,
        summary=a.summary,
        body_html=a.body,
        url="https://xa.example/tin/1/",
        commune_name=commune.full_name,
        themes=(),
    )
    bulletin = article_to_radio(article=a, message=message, actor=culture_user)
    assert bulletin.status == bulletin.Status.DRAFT and bulletin.origin_id == str(a.pk)
    assert "VNeID" in bulletin.script
    assert set(bulletin.themes.all()) == set(a.themes.all())
