"""Drafting, approving and issuing a report; the issued files and snapshot."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from loalang.core.models import AuditEntry
from loalang.documents.readback import docx_paragraphs, pdf_text
from loalang.reports.models import Report
from loalang.reports.selectors import report_changes, report_data
from loalang.reports.services import (
    report_create,
    report_issue,
    report_set_manual,
    report_submit,
    report_update,
)
from loalang.reports.tests.factories import activity, guidance, report
from loalang.testing.factories import PersonFactory, VillageFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _create(commune, user, **kw):
    fields = {
        "kind": Report.Kind.PERIODIC,
        "period": Report.Period.YEAR,
        "date_from": D(2023, 1, 1),
        "date_to": D(2023, 12, 31),
        "title": "Kết quả công tác truyền thông chuyển đổi số năm 2023",
    }
    fields.update(kw)
    return report_create(commune=commune, actor=user, **fields)


def test_create_drafts_results_from_the_data(commune, culture_user):
    activity(commune, "radio_broadcast", on=D(2023, 3, 1), minutes=15, reach=250)
    report = _create(commune, culture_user)
    assert report.status == Report.Status.DRAFT
    assert "Đài truyền thanh cấp xã: 1 hoạt động, tiếp cận 250 lượt người." in report.results_text
    province = commune.province.name
    assert report.recipient_list == [
        f"Sở Khoa học và Công nghệ tỉnh {province}",
        f"Sở Văn hóa, Thể thao và Du lịch tỉnh {province}",
    ]
    assert AuditEntry.objects.filter(verb="report.created", target_id=str(report.pk)).exists()


def test_ad_hoc_report_needs_the_requesting_document(commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        _create(commune, culture_user, kind=Report.Kind.AD_HOC, period=Report.Period.CUSTOM)
    assert "request_reference" in exc.value.message_dict
    assert not Report.objects.exists()


def test_issue_numbers_snapshots_and_renders(commune, culture_user, chair_user):
    village = VillageFactory(commune=commune)
    activity(
        commune, "radio_broadcast", on=D(2023, 3, 1), minutes=15, reach=250, villages=(village,)
    )
    guidance(commune, on=D(2023, 4, 1), households=12, people=20, villages=(village,))
    report = _create(commune, culture_user)
    manual = report.indicator_set.indicators.get(code="6.1")
    report_set_manual(report=report, actor=culture_user, values={manual.pk: (82, None)})
    report_submit(report=report, actor=culture_user)
    issued = report_issue(report=report, actor=chair_user, today=D(2024, 1, 10))

    assert (issued.number, issued.number_year, issued.number_label) == (1, 2024, "01/BC-UBND")
    assert issued.snapshot["rows"][0]["period"] == 2
    pdf = pdf_text(issued.pdf_file.read(), layout=True)
    assert "Số: 01/BC-UBND" in pdf
    assert "Kính gửi:" in pdf and "Sở Khoa học và Công nghệ" in pdf
    assert "Phụ lục I" in pdf and "không có" in pdf  # "không có số liệu", wrapped in its cell
    paragraphs = "\n".join(docx_paragraphs(issued.docx_file.read()))
    assert "- Như trên;" in paragraphs
    assert "BÁO CÁO" in paragraphs
    wb = load_workbook(io.BytesIO(issued.xlsx_file.read()))
    rows = {r[0]: r for r in wb["Chỉ tiêu"].iter_rows(min_row=6, values_only=True)}
    assert rows["2.1"][4] == 1 and rows["5.1"][4] == 12 and rows["6.1"][4] == 82
    assert rows["6.2"][4] == "không có số liệu"


def test_second_issue_gets_the_next_number(commune, culture_user, chair_user):
    numbers = []
    for _ in range(2):
        report = _create(commune, culture_user)
        report_submit(report=report, actor=culture_user)
        numbers.append(report_issue(report=report, actor=chair_user, today=D(2024, 1, 10)).number)
    assert numbers == [1, 2]


def test_issued_report_stays_as_issued_and_shows_what_changed(commune, culture_user, chair_user):
    activity(commune, on=D(2023, 3, 1))
    report = _create(commune, culture_user)
    report_submit(report=report, actor=culture_user)
    report = report_issue(report=report, actor=chair_user)
    activity(commune, on=D(2023, 5, 1))  # verified later
    assert report_data(report).row("2.1").period == 1
    changes = {c.code: (c.issued, c.now) for c in report_changes(report)}
    assert changes["2.1"] == (1, 2)
    with pytest.raises(ValidationError):
        report_update(report=report, actor=culture_user, title="Sửa sau khi ban hành")


def test_no_name_or_phone_reaches_any_output(commune, culture_user, chair_user):
    person = PersonFactory(commune=commune, full_name="Lò Thị Bí Mật", phone="0987654321")
    activity(
        commune,
        "team_guidance",
        on=D(2023, 3, 1),
        title=f"Hướng dẫn {person.full_name} 0987654321",
        description=f"Gọi {person.phone}",
    )
    report = _create(commune, culture_user)
    report_submit(report=report, actor=culture_user)
    report = report_issue(report=report, actor=chair_user)
    texts = [
        pdf_text(report.pdf_file.read()),
        "\n".join(docx_paragraphs(report.docx_file.read())),
        str(
            [
                list(r)
                for ws in load_workbook(io.BytesIO(report.xlsx_file.read()))
                for r in ws.iter_rows(values_only=True)
            ]
        ),
        str(report.snapshot),
    ]
    for text in texts:
        assert "Bí Mật" not in text and "0987654321" not in text and "0987" not in text


def test_next_number_never_reuses_a_number_already_issued(commune):
    from loalang.documents.models import NumberCounter
    from loalang.reports.services import next_number

    report(commune, number=7, number_year=2024, issued_on=dt.date(2024, 2, 1),
           status=Report.Status.ISSUED)  # fmt: skip
    assert next_number(commune=commune, symbol="BC-UBND", year=2024) == 8
    NumberCounter.objects.filter(commune=commune).update(last_number=3)  # a stale counter
    assert next_number(commune=commune, symbol="BC-UBND", year=2024) == 8  # 7 is taken
    assert next_number(commune=commune, symbol="BC-UBND", year=2025) == 1
    assert next_number(commune=commune, symbol="KH-UBND", year=2024) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_different_numbers(commune, culture_user, chair_user):
    """Two Chairs approve at the same moment, each in its own connection and transaction."""
    import importlib
    import threading

    from django.apps import apps
    from django.db import connection

    # An earlier transactional test may have flushed the tables, and with them the default
    # indicator set that a data migration installs; put it back the way the migration does.
    importlib.import_module("loalang.reports.migrations.0002_default_indicator_set").load(
        apps, None
    )

    if connection.vendor == "sqlite":
        # The test database is shared-cache in-memory SQLite, whose table locks ignore
        # busy_timeout; real installs use a WAL file with IMMEDIATE transactions.
        pytest.skip("concurrency is checked on PostgreSQL")

    reports = []
    for _ in range(2):
        rep = report(commune)
        report_submit(report=rep, actor=culture_user)
        reports.append(rep)
    numbers, errors = [], []
    barrier = threading.Barrier(2)

    def issue(rep):
        try:
            barrier.wait()
            numbers.append(report_issue(report=rep, actor=chair_user, today=D(2024, 2, 1)).number)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(rep,)) for rep in reports]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [1, 2]
