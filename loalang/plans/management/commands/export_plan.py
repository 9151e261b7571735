"""python manage.py export_plan <plan-id> --format docx|pdf --output PATH"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loalang.documents.render import render_docx, render_pdf
from loalang.plans.data import plan_data
from loalang.plans.document import plan_document
from loalang.plans.models import Plan


class Command(BaseCommand):
    help = "Write a plan as an official document (DOCX or PDF, Decree 30/2020 layout)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=["docx", "pdf"], required=True)
        parser.add_argument("--output", required=True, help="file to write ('-' for stdout)")

    def handle(self, *args, **options) -> None:
        try:
            plan = Plan.objects.get(pk=options["plan_id"])
        except Plan.DoesNotExist as exc:
            raise CommandError(f"no plan with id {options['plan_id']}") from exc
        is_draft = plan.status in {Plan.Status.DRAFT, Plan.Status.SUBMITTED, Plan.Status.APPROVED}
        doc = plan_document(plan_data(plan), is_draft=is_draft)
        data = render_docx(doc) if options["format"] == "docx" else render_pdf(doc)
        if options["output"] == "-":
            self.stdout.buffer.write(data)  # type: ignore[attr-defined]
            return
        target = Path(options["output"])
        if not target.parent.is_dir():
            raise CommandError(f"folder {target.parent} does not exist")
        # Write to a temporary name in the same folder, then move into place.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".export-", suffix=target.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stdout.write(f"{target} ({len(data)} bytes)")
