import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from loalang.core.models import AuditEntry
from loalang.portal.models import Question
from loalang.portal.services import (
    question_answer,
    question_publish,
    question_reword,
    question_submit,
)
from loalang.testing.factories import CommuneFactory

FORM = {
    "category": "vneid",
    "subject": "Tài khoản bị khoá",
    "body": "Tôi nhập sai mật khẩu, phải làm sao?",
    "name": "",
    "phone": "",
    "email": "",
    "website": "",
}


def _ask_url(commune):
    return reverse("portal:ask", args=[commune.slug])


@pytest.mark.django_db
def test_citizen_submits_a_question(client, commune):
    response = client.post(_ask_url(commune), FORM, follow=True)
    assert response.status_code == 200
    assert "đã nhận câu hỏi" in response.content.decode()
    q = Question.objects.get()
    assert q.status == Question.Status.NEW and q.commune == commune
    assert AuditEntry.objects.filter(verb="question.submitted").exists()


@pytest.mark.django_db
def test_contact_details_need_consent(client, commune):
    response = client.post(_ask_url(commune), {**FORM, "phone": "0912345678"})
    assert response.status_code == 400
    assert "Hãy đồng ý" in response.content.decode()
    assert not Question.objects.exists()
    client.post(_ask_url(commune), {**FORM, "phone": "0912345678", "has_consent": "on"})
    assert Question.objects.get().phone == "0912345678"


@pytest.mark.django_db
def test_honeypot_filled_by_a_robot_stores_nothing(client, commune):
    response = client.post(_ask_url(commune), {**FORM, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_flood_from_one_address_is_refused_with_429(client, commune):
    for _ in range(5):
        assert client.post(_ask_url(commune), FORM).status_code == 302
    response = client.post(_ask_url(commune), FORM)
    assert response.status_code == 429
    assert "thử lại sau" in response.content.decode()
    assert Question.objects.count() == 5


@pytest.mark.django_db
def test_oversized_question_is_refused(client, commune):
    response = client.post(_ask_url(commune), {**FORM, "body": "x" * 5000})
    assert response.status_code == 400
    assert not Question.objects.exists()
    huge = client.post(_ask_url(commune), {**FORM, "body": "x" * 30000})
    assert huge.status_code == 413


@pytest.mark.django_db
def test_script_in_a_question_is_stored_as_text_and_escaped_when_published(
    client, commune, culture_user
):
    q = question_submit(
        commune=commune,
        category="khac",
        subject="<b>Hỏi</b>",
        body="<script>alert('x')</script> thật không?",
    )
    assert q.subject == "Hỏi"
    question_answer(question=q, answer="Trả lời <img src=x onerror=alert(1)>", actor=culture_user)
    question_publish(question=q, actor=culture_user)
    html = client.get(reverse("portal:question", args=[commune.slug, q.pk])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_published_answer_is_public_without_contact_details(client, commune, culture_user):
    q = question_submit(
        commune=commune,
        category="khac",
        subject="Wifi ở nhà văn hoá",
        body="Có wifi miễn phí không?",
        phone="0912345678",
        has_consent=True,
    )
    url = reverse("portal:question", args=[commune.slug, q.pk])
    assert client.get(url).status_code == 404
    question_answer(question=q, answer="Có, mật khẩu dán ở bảng tin.", actor=culture_user)
    question_publish(question=q, actor=culture_user)
    html = client.get(url).content.decode()
    assert "mật khẩu dán ở bảng tin" in html and "0912345678" not in html


@pytest.mark.django_db
def test_staff_triage_assign_answer_publish(client, commune, culture_user):
    q = question_submit(commune=commune, category="khac", subject="Hỏi", body="Nội dung hỏi")
    url = reverse("portal_staff:question", args=[commune.slug, q.pk])
    client.force_login(culture_user)
    assert client.post(url, {"action": "assign"}).status_code == 302
    q.refresh_from_db()
    assert q.status == Question.Status.ASSIGNED and q.assigned_to == culture_user
    assert client.post(url, {"action": "publish"}).status_code == 400  # no answer yet
    client.post(url, {"action": "answer", "answer": "Đây là câu trả lời."})
    client.post(url, {"action": "publish"})
    q.refresh_from_db()
    assert q.status == Question.Status.PUBLISHED
    assert client.post(url, {"action": "bogus"}).status_code == 400


@pytest.mark.django_db
def test_staff_decline_needs_a_reason(client, commune, culture_user):
    q = question_submit(commune=commune, category="khac", subject="Hỏi", body="Nội dung hỏi")
    url = reverse("portal_staff:question", args=[commune.slug, q.pk])
    client.force_login(culture_user)
    assert client.post(url, {"action": "decline", "reason": ""}).status_code == 400
    client.post(url, {"action": "decline", "reason": "Trùng câu hỏi đã trả lời"})
    q.refresh_from_db()
    assert q.status == Question.Status.DECLINED


@pytest.mark.django_db
def test_staff_question_pages(
    client, commune, culture_user, outsider, django_assert_max_num_queries
):
    q = question_submit(commune=commune, category="khac", subject="Hỏi", body="Nội dung hỏi")
    client.force_login(culture_user)
    list_url = reverse("portal_staff:questions", args=[commune.slug])
    assert "Hỏi" in client.get(list_url).content.decode()
    assert client.post(list_url).status_code == 405
    client.force_login(outsider)
    assert client.get(list_url).status_code == 404
    assert (
        client.get(reverse("portal_staff:question", args=[commune.slug, q.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_answer_can_be_sent_to_radio_as_a_draft_bulletin(client, commune, culture_user):
    from loalang.radio.models import Bulletin

    q = question_submit(commune=commune, category="khac", subject="Hỏi đài", body="Nội dung hỏi")
    question_answer(question=q, answer="Câu trả lời để đọc trên loa.", actor=culture_user)
    client.force_login(culture_user)
    client.post(reverse("portal_staff:question", args=[commune.slug, q.pk]), {"action": "radio"})
    bulletin = Bulletin.objects.get(commune=commune)
    assert "Câu trả lời để đọc trên loa" in bulletin.script
    assert bulletin.origin_type == "portal.question"


@pytest.mark.django_db
def test_question_to_radio_composes_question_and_answer(commune, culture_user):
    from loalang.portal.services import question_to_radio

    q = question_submit(commune=commune, category="khac", subject="Đăng ký VNeID", body="Làm sao?")
    question_answer(question=q, answer="Mang căn cước ra UBND xã.", actor=culture_user)
    bulletin = question_to_radio(question=q, actor=culture_user)
    assert bulletin.title == "Hỏi – đáp: Đăng ký VNeID"
    assert bulletin.script == "Bà con hỏi: Làm sao?\n\nUBND xã trả lời: Mang căn cước ra UBND xã."
    assert bulletin.status == "draft" and bulletin.commune == commune


@pytest.mark.django_db
def test_question_to_radio_needs_an_answer(commune, culture_user):
    from django.core.exceptions import ValidationError

    from loalang.portal.services import question_to_radio
    from loalang.radio.models import Bulletin

    q = question_submit(commune=commune, category="khac", subject="Chưa trả lời", body="Hỏi")
    with pytest.raises(ValidationError, match="chưa có câu trả lời"):
        question_to_radio(question=q, actor=culture_user)
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_mistakes_in_the_form_do_not_use_up_the_limit(client, commune):
    for _ in range(6):
        assert client.post(_ask_url(commune), {**FORM, "subject": ""}).status_code == 400
    assert client.post(_ask_url(commune), FORM).status_code == 302


@pytest.mark.django_db
def test_rate_limit_reads_the_address_through_the_trusted_proxy_only(client, commune, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # Behind the trusted proxy, six citizens are six addresses, not one shared proxy address.
    for n in range(6):
        meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert client.post(_ask_url(commune), FORM, **meta).status_code == 302
    # A forged header from an untrusted peer is not a new address.
    for n in range(5):
        meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        assert client.post(_ask_url(commune), FORM, **meta).status_code == 302
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "192.0.2.77"}
    assert client.post(_ask_url(commune), FORM, **meta).status_code == 429


@pytest.mark.django_db
def test_the_asker_gets_a_reference_and_looks_the_answer_up_with_it(client, commune, culture_user):
    page = client.post(_ask_url(commune), FORM, follow=True).content.decode()
    q = Question.objects.get()
    assert len(q.reference) == 11 and q.reference.startswith("HD-")
    assert q.reference in page
    lookup = reverse("portal:question_lookup", args=[commune.slug])
    waiting = client.get(lookup, {"ma": q.reference.lower().replace("-", " ")})
    assert waiting.status_code == 200 and "đang được xử lý" in waiting.content.decode()
    assert waiting["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in waiting or "sessionid" not in str(waiting.cookies)
    question_answer(question=q, answer="Mang căn cước đến UBND xã.", actor=culture_user)
    answered = client.get(lookup, {"ma": q.reference}).content.decode()
    assert "Mang căn cước đến UBND xã." in answered  # before it is public: the asker only
    wrong = client.get(lookup, {"ma": "HD-AAAAAAAA"})
    assert wrong.status_code == 404 and "Không tìm thấy" in wrong.content.decode()
    other = Question.objects.create(
        commune=CommuneFactory(), category="khac", subject="x", body="y", reference="HD-BBBBBBBB"
    )
    assert client.get(lookup, {"ma": other.reference}).status_code == 404  # other commune


@pytest.mark.django_db
def test_reference_lookups_are_rate_limited(client, commune):
    lookup = reverse("portal:question_lookup", args=[commune.slug])
    for i in range(30):
        assert client.get(lookup, {"ma": f"HD-{i:08d}"}).status_code == 404
    assert client.get(lookup, {"ma": "HD-ZZZZZZZZ"}).status_code == 429


@pytest.mark.django_db
def test_staff_correct_the_wording_before_publishing_and_the_original_is_kept(
    client, commune, culture_user
):
    q = question_submit(commune=commune, category="vneid", subject="tk bi khoa", body="sao z")
    client.force_login(culture_user)
    url = reverse("portal_staff:question", args=[commune.slug, q.pk])
    response = client.post(
        url,
        {"action": "reword", "subject": "Tài khoản bị khoá", "body": "Phải làm sao?"},
    )
    assert response.status_code == 302
    q.refresh_from_db()
    assert (q.subject, q.body) == ("Tài khoản bị khoá", "Phải làm sao?")
    assert (q.original_subject, q.original_body) == ("tk bi khoa", "sao z")
    assert AuditEntry.objects.filter(verb="question.reworded", target_id=str(q.pk)).exists()
    # a second correction keeps the citizen's words, not the first correction
    question_reword(question=q, subject="Tài khoản VNeID bị khoá", body="Phải làm sao?", actor=None)
    q.refresh_from_db()
    assert q.original_subject == "tk bi khoa"
    question_answer(question=q, answer="Đến UBND xã.", actor=culture_user)
    question_publish(question=q, actor=culture_user)
    public = client.get(reverse("portal:question", args=[commune.slug, q.pk])).content.decode()
    assert "Tài khoản VNeID bị khoá" in public and "tk bi khoa" not in public
    with pytest.raises(ValidationError):
        question_reword(question=q, subject="Khác", body="Khác", actor=None)
