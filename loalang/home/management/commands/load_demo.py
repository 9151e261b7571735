"""Load the demo commune and everything the other apps add to it. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from loalang.accounts.models import Membership, Role
from loalang.core.demo import demo_loaders
from loalang.home.demo import DEMO_PASSWORD, USERS, load_foundation


class Command(BaseCommand):
    help = "Nạp dữ liệu minh hoạ xã Ái Thượng (chạy lại nhiều lần không nhân đôi dữ liệu)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = load_foundation()
        # Each app registers its idempotent loader (commune) -> None from its AppConfig.ready()
        # (loalang.core.demo); they run in INSTALLED_APPS order.
        for label, load in demo_loaders():
            load(commune)
            self.stdout.write(f"  {label}: ok")
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu minh hoạ: {commune.committee_name}"))
        if not options["quiet_logins"]:
            self.stdout.write(
                f"\nTài khoản minh hoạ / demo logins (mật khẩu / password: {DEMO_PASSWORD}):"
            )
            for demo in USERS:
                self.stdout.write(
                    f"  {demo.username:<12} {demo.full_name:<18} {Role(demo.role).label}"
                )
            # Province-level accounts other apps' loaders added (the province administrator).
            listed = {demo.username for demo in USERS}
            for m in (
                Membership.objects.filter(
                    province=commune.province, commune=None, is_active=True, user__is_active=True
                )
                .exclude(user__username__in=listed)
                .select_related("user")
                .order_by("user__username")
            ):
                self.stdout.write(
                    f"  {m.user.username:<12} {m.user.full_name:<18} {Role(m.role).label}"
                )
            self.stdout.write(f"  {'quantri':<12} {'Quản trị hệ thống':<18} superuser (/admin/)")
