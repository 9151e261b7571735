from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from loalang.api.models import ApiToken, Scope
from loalang.api.tokens import api_token_create, api_token_revoke
from loalang.places.models import Commune


class Command(BaseCommand):
    help = "Make, list or revoke a commune's API tokens. The key is printed once, at creation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--commune", required=True, help="commune slug")
        create.add_argument("--name", required=True, help="who uses it, e.g. 'Đài tỉnh'")
        create.add_argument("--scope", action="append", choices=Scope.values, required=True)
        lister = sub.add_parser("list")
        lister.add_argument("--commune", required=True)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="the token's prefix, e.g. ll_1a2b3c4d")

    def handle(self, *args, action: str, **options) -> None:
        if action == "create":
            commune = Commune.objects.filter(slug=options["commune"]).first()
            if commune is None:
                raise CommandError(f"No commune {options['commune']!r}")
            try:
                token, raw = api_token_create(
                    commune=commune, name=options["name"], scopes=options["scope"], actor=None
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"{token.prefix} {','.join(token.scopes)}\n{raw}")
        elif action == "list":
            for token in ApiToken.objects.filter(commune__slug=options["commune"]):
                state = "active" if token.is_active else "revoked/expired"
                self.stdout.write(
                    f"{token.prefix}\t{state}\t{','.join(token.scopes)}\t{token.name}"
                )
        else:
            matches = list(ApiToken.objects.filter(prefix=options["prefix"]))
            if len(matches) != 1:
                raise CommandError(f"{len(matches)} tokens have prefix {options['prefix']!r}")
            api_token_revoke(token=matches[0], actor=None)
            self.stdout.write(f"revoked {matches[0].prefix}")
