"""python manage.py list_plans --commune <slug>: one plan a line (id, number, date, status,
title)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from loalang.places.models import Commune
from loalang.plans.selectors import plan_list


class Command(BaseCommand):
    help = "List a commune's plans: id, number/symbol, issue date, status, title."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--commune", required=True, help="the commune's slug")
        parser.add_argument("--year", type=int, help="only plans of this year")

    def handle(self, *args, **options) -> None:
        try:
            commune = Commune.objects.get(slug=options["commune"])
        except Commune.DoesNotExist as exc:
            raise CommandError(f"no commune with slug {options['commune']!r}") from exc
        for plan in plan_list(commune=commune, year=options.get("year")):
            date = plan.issued_on.strftime("%d/%m/%Y") if plan.issued_on else "-"
            number = plan.number_symbol or "-"
            self.stdout.write(
                f"{plan.pk}\t{number}\t{date}\t{plan.status}\t{plan.type_name} {plan.title}"
            )
