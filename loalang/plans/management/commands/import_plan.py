"""python manage.py import_plan --commune <slug> PATH [--dry-run] [--format json|text]

Reads a plan from a .txt, .docx or .pdf (with a text layer; '-' reads text from stdin).
With --dry-run nothing is saved and the parse is printed (--format json: one JSON object,
keys as in issue 13 / docs/dev.md). Without it the plan is saved as a draft of the commune
(as the review page would save it uncorrected) and its id is printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from loalang.places.models import Commune
from loalang.plans import services
from loalang.plans.importer import parse_plan
from loalang.plans.importer.export import result_json
from loalang.plans.importer.sources import paragraphs_from_bytes
from loalang.plans.uploads import MAX_UPLOAD_BYTES


class Command(BaseCommand):
    help = "Import a plan from a .txt/.docx/.pdf file: print the parse or save a draft plan."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="file to read ('-' for text on stdin)")
        parser.add_argument("--commune", required=True, help="the commune's slug")
        parser.add_argument("--dry-run", action="store_true", help="parse only, save nothing")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options) -> None:
        try:
            commune = Commune.objects.get(slug=options["commune"])
        except Commune.DoesNotExist as exc:
            raise CommandError(f"Không có xã nào có mã “{options['commune']}”.") from exc
        path = options["path"]
        if path == "-":
            raw, name = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1), "stdin.txt"
        else:
            source = Path(path)
            if not source.is_file():
                raise CommandError(f"{path}: không có tệp này.")
            raw, name = source.read_bytes(), source.name
        if len(raw) > MAX_UPLOAD_BYTES:
            raise CommandError(f"{path}: tệp lớn hơn {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        try:
            paragraphs = paragraphs_from_bytes(raw, name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if not any(p.strip() for p in paragraphs):
            raise CommandError(f"{path}: tệp không có chữ nào để nhập.")
        result = parse_plan(paragraphs)
        out = result_json(result)
        if not options["dry_run"]:
            data = result.data
            data["issuer"] = data["issuer"] or services.default_issuer(commune)
            try:
                plan = services.plan_create_from_data(
                    commune=commune, actor=None, data=data, verb="plan.imported"
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            out["plan_id"] = plan.pk
        if options["format"] == "json":
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        self._text(out)

    def _text(self, out: dict) -> None:
        w = self.stdout.write
        number = f"{out['number']}/{out['symbol']}" if out["number"] else f"…/{out['symbol']}"
        w(f"{out['type_name']} {number} — {out['place']}, {out['issued_on'] or '?'}")
        w(f"Cơ quan ban hành: {' / '.join(out['issuer'].splitlines()) or '?'}")
        w(f"Trích yếu: {out['title']}  (năm {out['year']})")
        for basis in out["legal_bases"]:
            w(f"  {basis['verb']} {basis['kind']} {basis['number']} {basis['issued_on'] or ''}"
              f" {basis['issuer']}".rstrip())  # fmt: skip
        for section in out["sections"]:
            w(f"  {section['numeral']}. {section['heading']}  [{section['kind']}]")
        keys = ("purposes", "requirements", "themes", "channels", "assignments", "recipients")
        w(", ".join(f"{k}: {len(out[k])}" for k in keys))
        for warning in out["warnings"]:
            w(f"! {warning}")
        if out["unplaced"]:
            w(f"Chưa xếp: {len(out['unplaced'])} đoạn")
        if "plan_id" in out:
            w(f"Đã lưu dự thảo kế hoạch #{out['plan_id']}")
