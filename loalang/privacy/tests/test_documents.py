"""The notice and the dossier rendered to DOCX and PDF, read back."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from loalang.accounts.access import CAPS, Cap
from loalang.accounts.models import Role
from loalang.documents.readback import docx_paragraphs, pdf_text
from loalang.documents.render import render_docx, render_pdf
from loalang.privacy.document import dossier_document, notice_data, notice_document
from loalang.privacy.dossier import dossier_data
from loalang.privacy.registry import PERSONAL
from loalang.privacy.tests.factories import make_incident

pytestmark = pytest.mark.django_db

FOUND = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)  # 09:30 in Vietnam
A05 = "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an"


def _notice(incident, now):  # type: ignore[no-untyped-def]
    return notice_document(notice_data(incident, now=now, authority=A05, hours=72))


def _text(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def test_notice_docx_carries_what_the_authority_needs(commune):
    commune.email = "ubnd@aithuong.gov.vn"
    commune.save()
    incident = make_incident(
        commune,
        found_at=FOUND,
        contact_name="Lê Thị Hoa",
        contact_phone="0912345678",
        actions_taken="Đã đề nghị quản trị nhóm xóa tin nhắn.\nĐã đổi mật khẩu.",
    )
    text = _text(docx_paragraphs(render_docx(_notice(incident, FOUND + dt.timedelta(hours=3)))))
    for expected in (
        "DỰ THẢO",
        "THÔNG BÁO",
        "Vi phạm quy định về bảo vệ dữ liệu cá nhân",
        f"Kính gửi: {A05}",
        "Gửi nhầm danh sách người tham dự vào nhóm Zalo thôn",
        "Thời điểm phát hiện: 09 giờ 30 phút, ngày 02/03/2026",
        "Họ tên, chức danh; Số điện thoại, thư điện tử, địa chỉ",
        "Người tham dự hội nghị, tập huấn, sự kiện",
        "khoảng 40 người",
        "Đã đổi mật khẩu.",
        "Lê Thị Hoa; điện thoại: 0912345678; thư điện tử: ubnd@aithuong.gov.vn.",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert expected in text, expected
    assert "Lý do thông báo sau" not in text


def test_a_late_notice_pdf_says_why(commune):
    incident = make_incident(
        commune, found_at=FOUND, late_reason="Phát hiện trong kỳ nghỉ lễ, không liên lạc được."
    )
    text = " ".join(pdf_text(render_pdf(_notice(incident, FOUND + dt.timedelta(hours=80)))).split())
    assert "Lý do thông báo sau 72 giờ kể từ khi phát hiện" in text
    assert "Phát hiện trong kỳ nghỉ lễ, không liên lạc được." in text
    assert "A05" in text


def test_dossier_lists_every_registered_field_counts_and_roles(commune):
    from loalang.events.models import Attendee, Event
    from loalang.tasks.tests.factories import make_activity

    activity = make_activity(commune, title="Tập huấn VNeID")
    event = Event.objects.create(
        activity=activity, event_kind=Event._meta.get_field("event_kind").choices[0][0]
    )
    for i in range(3):
        Attendee.objects.create(event=event, full_name=f"Người {i}", phone="0912345678")
    with time_machine.travel(dt.datetime(2026, 4, 1, 3, tzinfo=dt.UTC), tick=False):
        data = dossier_data(commune=commune)
    attendees = next(r for r in data.datasets if r.dataset.key == "attendees")
    assert attendees.records == 3
    assert attendees.roles[:-1] == [str(r.label) for r in Role if r.value in CAPS[Cap.LOG_ACTIVITY]]
    assert attendees.has_sensitive  # the per-person ethnic-minority flag
    paragraphs = docx_paragraphs(render_docx(dossier_document(data)))
    text = _text(paragraphs)
    assert "HỒ SƠ" in text and "Đánh giá tác động xử lý dữ liệu cá nhân" in text
    assert "DANH MỤC TRƯỜNG DỮ LIỆU CÁ NHÂN TRONG PHẦN MỀM" in text
    field_rows = [f for r in data.datasets for f in r.fields]
    assert len(field_rows) == len(PERSONAL)
    for f in field_rows:
        assert f.field in paragraphs, f.label  # each field has its own table cell
    assert "Dữ liệu cá nhân nhạy cảm" in text
    assert "01/04/2026" in text


def test_dossier_pdf_reads_back(commune):
    text = " ".join(pdf_text(render_pdf(dossier_document(dossier_data(commune=commune)))).split())
    assert "ĐÁNH GIÁ TÁC ĐỘNG, RỦI RO VÀ BIỆN PHÁP GIẢM THIỂU" in text
    assert "Danh sách người tham dự và bản ghi đồng ý" in text


def test_downloads_are_private_and_named(client, commune, chair_user):
    incident = make_incident(commune)
    client.force_login(chair_user)
    url = reverse("privacy:notice_docx", kwargs={"commune_slug": commune.slug, "pk": incident.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert f"thong-bao-su-co-du-lieu-ca-nhan-{incident.pk}.docx" in response["Content-Disposition"]
    assert "Kính gửi:" in _text(docx_paragraphs(response.content))
    dossier = client.get(reverse("privacy:dossier_pdf", kwargs={"commune_slug": commune.slug}))
    assert dossier["Content-Type"] == "application/pdf"
    assert "DANH MỤC TRƯỜNG" in pdf_text(dossier.content)
