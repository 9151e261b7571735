"""The month's as-run log for inspection: planned against aired, as CSV and printable PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from loalang.radio.asrun import asrun_month
from loalang.radio.models import Bulletin
from loalang.radio.services import broadcast_confirm
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 27)


@pytest.fixture
def month(commune, culture_user):  # type: ignore[no-untyped-def]
    a = ClusterFactory(commune=commune, name="Cụm Khằm", code="AT-001")
    b = ClusterFactory(commune=commune, name="Cụm Nán", code="AT-002")
    morning = SlotFactory(commune=commune, name="Buổi sáng", starts_at=dt.time(6))
    one_day = {"valid_from": DAY, "valid_until": DAY}
    vaccine = aired_bulletin(commune, title="=Lịch tiêm chủng", **one_day)
    storm = aired_bulletin(
        commune, title="Cảnh báo bão", priority=Bulletin.Priority.EMERGENCY, **one_day
    )
    broadcast_confirm(
        commune=commune, bulletin=vaccine, slot=morning, aired_on=DAY, clusters=[a],
        seconds=61, actor=culture_user,
    )  # fmt: skip
    return {"a": a, "b": b, "vaccine": vaccine, "storm": storm}


def test_month_rows_are_planned_against_aired_per_session_and_cluster(commune, month):
    data = asrun_month(commune=commune, year=2026, month=11)
    rows = {(r.bulletin, r.cluster): r for r in data.rows}
    assert len(data.rows) == 4  # 2 bulletins × 2 clusters on the one day they were valid
    aired = rows[("=Lịch tiêm chủng", "Cụm Khằm")]
    assert aired.status == "Đã phát" and aired.aired_minutes == 2 and aired.planned_minutes == 1
    assert aired.session == "06:00 Buổi sáng" and aired.day == DAY
    assert rows[("=Lịch tiêm chủng", "Cụm Nán")].status == "Chưa phát"
    assert rows[("Cảnh báo bão", "Cụm Nán")].status == "Chưa xác nhận"
    assert rows[("Cảnh báo bão", "Cụm Nán")].priority == "Khẩn cấp"
    (session,) = data.sessions
    assert (session.planned, session.aired) == (4, 1)
    assert data.not_aired == 3


def test_csv_export_opens_in_a_spreadsheet_with_safe_text(client, commune, month, culture_user):
    client.force_login(culture_user)
    url = reverse("radio:log_month_csv", kwargs={"commune_slug": commune.slug})
    response = client.get(url, {"thang": "2026-11"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "nhat-ky-phat" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Ngày" and rows[0][-1] == "Tình trạng" and len(rows) == 5
    vaccine = next(r for r in rows if "Lịch tiêm chủng" in r[3] and r[2] == "Cụm Khằm")
    assert vaccine[0] == "27/11/2026"  # a date a Vietnamese reader expects, not ISO
    assert vaccine[3] == "'=Lịch tiêm chủng"  # user text never becomes a formula


def test_pdf_export_is_a_printable_log(client, commune, month, culture_user):
    client.force_login(culture_user)
    url = reverse("radio:log_month_pdf", kwargs={"commune_slug": commune.slug})
    response = client.get(url, {"thang": "2026-11"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "NHẬT KÝ PHÁT THANH" in text.upper()
    assert "01/11/2026" in text and "30/11/2026" in text and "Cảnh báo bão" in text
    assert "Chưa phát" in text and "Đã phát" in text


def test_export_is_for_members_only(client, commune, month):
    from loalang.testing.factories import CommuneFactory, member

    client.force_login(member(CommuneFactory()))
    url = reverse("radio:log_month_pdf", kwargs={"commune_slug": commune.slug})
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404, 405)
