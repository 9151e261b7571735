"""A province administrator for the demo's province (Thanh Hóa): login `quantritinh`.

The province gets its official code and domain so the province pages work at once; its
communes are not loaded here (166 units would swamp the one-commune demo): the administrator
presses "Nạp … từ danh mục chính thức" or runs `manage.py load_official_communes 38`.
"""

from __future__ import annotations

from loalang.accounts.models import Membership, Role, User
from loalang.home.demo import DEMO_PASSWORD
from loalang.places.models import Commune

USERNAME = "quantritinh"


def load(commune: Commune) -> None:
    province = commune.province
    if not province.code:
        province.code = "38" if province.slug == "thanh-hoa" else ""
        province.save(update_fields=["code", "updated_at"])
    if not province.domain and province.slug == "thanh-hoa":
        province.domain = "thanhhoa.gov.vn"
        province.save(update_fields=["domain", "updated_at"])
    user, created = User.objects.get_or_create(
        username=USERNAME,
        defaults={"full_name": "Lê Minh Tuấn"},  # a sample name
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, role=Role.PROVINCE_ADMIN, province=province, commune=None
    )
