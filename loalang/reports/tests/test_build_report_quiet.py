"""`manage.py build_report` prints its one result line, not the libraries' chatter
(issue 14 item 7): no fontTools, WeasyPrint or matplotlib log line reaches the console."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command

from loalang.reports.tests.factories import activity

pytestmark = pytest.mark.django_db


def test_build_report_logs_nothing_from_libraries(tmp_path, commune, caplog):
    activity(commune, on=dt.date(2023, 3, 5), reach=40)
    caplog.handler.setLevel(logging.NOTSET)
    for fmt in ("pdf", "docx", "xlsx"):
        out = io.StringIO()
        call_command(
            "build_report",
            commune=commune.slug,
            date_from="2023-01-01",
            date_to="2023-12-31",
            fmt=fmt,
            output=str(tmp_path / f"bc.{fmt}"),
            stdout=out,
        )
        assert out.getvalue().count("\n") == 1
    chatter = [
        f"{r.name}: {r.getMessage()[:80]}"
        for r in caplog.records
        if not r.name.startswith(("loalang", "django"))
    ]
    assert chatter == []
