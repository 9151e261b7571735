"""Every staff URL of the reports app for the permission matrix (loalang/testing/tests)."""

from __future__ import annotations

import datetime as dt

from loalang.accounts.access import Cap
from loalang.reports.models import Report
from loalang.reports.selectors import indicator_set_for
from loalang.testing.matrix import Case


def _report(w, status: str = Report.Status.DRAFT) -> dict:  # type: ignore[no-untyped-def]
    report = Report.objects.create(
        commune=w.commune,
        indicator_set=indicator_set_for(w.commune),
        kind=Report.Kind.PERIODIC,
        period=Report.Period.MONTH,
        date_from=dt.date(2023, 3, 1),
        date_to=dt.date(2023, 3, 31),
        title="Kết quả tháng 3 năm 2023",
        recipients="Sở Khoa học và Công nghệ",
        status=status,
    )
    return {"pk": report.pk}


def _issued(w):  # type: ignore[no-untyped-def]
    # Issued with its snapshot, without rendering files (the services tests render them).
    from loalang.reports.selectors import report_data

    kwargs = _report(w)
    report = Report.objects.get(pk=kwargs["pk"])
    report.snapshot = report_data(report, live=True).to_json()
    report.status = Report.Status.ISSUED
    report.number = Report.objects.filter(commune=w.commune).count()
    report.number_year = 2023
    report.issued_on = dt.date(2023, 4, 2)
    report.signer_authority, report.signer_title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    report.signer_name = "Hà Văn Minh"
    report.save()
    return kwargs


def _submitted(w):  # type: ignore[no-untyped-def]
    return _report(w, Report.Status.SUBMITTED)


CASES = [
    Case("reports:index", Cap.VIEW),
    Case("reports:create", Cap.REPORT),
    Case("reports:detail", Cap.VIEW, kwargs=_report),
    Case("reports:edit", Cap.REPORT, kwargs=_report),
    Case("reports:manual", Cap.REPORT, kwargs=_report, method="post"),
    Case("reports:redraft", Cap.REPORT, kwargs=_report, method="post"),
    Case("reports:submit", Cap.REPORT, kwargs=_report, method="post"),
    Case("reports:send_back", Cap.APPROVE, kwargs=_submitted, method="post"),
    Case("reports:issue", Cap.APPROVE, kwargs=_submitted, method="post"),
    Case("reports:download", Cap.VIEW, kwargs=lambda w: {**_report(w), "fmt": "xlsx"}),
    Case("reports:chart", Cap.VIEW, kwargs=lambda w: {**_report(w), "name": "kenh"}),
    Case("reports:changes", Cap.VIEW, kwargs=_issued),
]
