"""manage.py build_report --commune <slug> --from YYYY-MM-DD --to YYYY-MM-DD
    --format docx|pdf|xlsx --output PATH

Builds a report for any period from the data as it is now (a draft: nothing is saved in the
database). The file is written to a temporary name beside PATH and moved into place.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loalang.places.models import Commune
from loalang.reports.charts import all_charts
from loalang.reports.compute import Window
from loalang.reports.document import (
    ReportMeta,
    build_document,
    draft_results,
    draft_sections,
    period_label,
)
from loalang.reports.selectors import commune_report_data, indicator_set_for
from loalang.reports.services import default_recipients
from loalang.reports.xlsx import report_xlsx

FORMATS = ("docx", "pdf", "xlsx")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (cần YYYY-MM-DD).") from exc


def _period(start: dt.date, end: dt.date) -> str:
    if start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31):
        return "year"
    next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if start.day == 1 and end == next_month - dt.timedelta(days=1):
        return "month"
    return "custom"


class Command(BaseCommand):
    help = "Lập báo cáo truyền thông chuyển đổi số của một xã cho một kỳ (DOCX, PDF hoặc XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="mã đường dẫn của xã (slug)")
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="đường dẫn tệp kết quả")

    def handle(self, *args: Any, **opts: Any) -> None:
        commune = Commune.objects.select_related("province").filter(slug=opts["commune"]).first()
        if commune is None:
            raise CommandError(f"Không có xã với mã {opts['commune']!r}.")
        start, end = _date(opts["date_from"]), _date(opts["date_to"])
        if start > end:
            raise CommandError("Ngày bắt đầu phải trước ngày kết thúc.")
        indicator_set = indicator_set_for(commune)
        if indicator_set is None:
            raise CommandError("Chưa có bộ chỉ tiêu báo cáo nào.")
        data = commune_report_data(
            commune=commune, indicator_set=indicator_set, window=Window.for_period(start, end)
        )
        label = period_label(_period(start, end), start, end)
        title = f"Kết quả công tác truyền thông chuyển đổi số {label}"
        if opts["fmt"] == "xlsx":
            content = report_xlsx(data, title=title)
        else:
            from loalang.documents.render import render_docx, render_pdf

            meta = ReportMeta(
                commune_kind=commune.get_kind_display(),
                commune_name=commune.name,
                title=title,
                date_from=start,
                date_to=end,
                period_label=label,
                recipients=default_recipients(commune, indicator_set).splitlines(),
            )
            meta.results_text = draft_results(data, meta)
            drafted = draft_sections(data, meta.recipients)
            meta.shortcomings_text = drafted["shortcomings_text"]
            meta.next_tasks_text = drafted["next_tasks_text"]
            meta.proposals_text = drafted["proposals_text"]
            doc = build_document(meta, data, all_charts(data))
            content = render_docx(doc) if opts["fmt"] == "docx" else render_pdf(doc)
        output = Path(opts["output"]).resolve()
        if not output.parent.is_dir():
            raise CommandError(f"Thư mục {output.parent} không tồn tại.")
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{output} ({len(content):,} bytes)")
