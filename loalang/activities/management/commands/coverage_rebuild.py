"""python manage.py coverage_rebuild [--commune <slug>]: recompute the coverage summary and,
through `summary.verified_changed`, every other summary of verified activities (the monthly
report facts, reports ADR 0075)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loalang.activities.summary import coverage_rebuild
from loalang.places.models import Commune


class Command(BaseCommand):
    help = (
        "Recompute the coverage cells and the monthly report facts from the activity log"
        " (after bulk loads or direct edits)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--commune", help="only this commune (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = None
        if options["commune"]:
            commune = Commune.objects.filter(slug=options["commune"]).first()
            if commune is None:
                raise CommandError(f"no commune with slug {options['commune']!r}")
        coverage_rebuild(commune=commune)
        self.stdout.write("Coverage summary and report facts rebuilt.")
