"""The demo commune: Ái Thượng (historical district Bá Thước, province Thanh Hóa).

Idempotent: running it again updates the same records and adds nothing. Names the seed plan
does not give (villages, people) are plausible inventions and are marked `is_sample`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from loalang.accounts.models import Membership, Role, User
from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember
from loalang.places.models import Commune, District, Province, Village

DEMO_PASSWORD = "loalang-demo-2023"  # noqa: S105 - printed for the demo on purpose

# (kind, name, households) — sample names, not the commune's real list.
VILLAGES = [
    ("ban", "Khằm", 182),
    ("ban", "Nán", 146),
    ("ban", "Chiềng Ai", 203),
    ("ban", "Bái", 121),
    ("thon", "Đông Tâm", 168),
    ("ban", "Ấm", 97),
]

# (kind, name, short name, sample?) — the plan names the first four units itself.
UNITS = [
    ("committee", "Ủy ban nhân dân xã", "UBND", False),
    ("office", "Công chức Văn hóa - Xã hội", "VH-XH", False),
    ("office", "Công chức Tài chính - Ngân sách", "TC-NS", False),
    ("front", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", False),
    ("party", "Đảng ủy xã", "Đảng ủy", False),
    ("council", "Hội đồng nhân dân xã", "HĐND", False),
    ("mass_org", "Hội Liên hiệp Phụ nữ xã", "Hội Phụ nữ", True),
    ("mass_org", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Đoàn Thanh niên", True),
    ("mass_org", "Hội Nông dân xã", "Hội Nông dân", True),
    ("mass_org", "Hội Cựu chiến binh xã", "Hội CCB", True),
    ("school", "Trường Tiểu học và THCS Ái Thượng", "Trường TH&THCS", True),
    ("police", "Công an xã", "Công an", True),
    ("health", "Trạm Y tế xã", "Trạm Y tế", True),
    ("business", "Hợp tác xã Nông nghiệp Ái Thượng", "HTX NN", True),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    position: str
    unit: str


USERS = [
    DemoUser("chutich", "Hà Văn Minh", Role.CHAIR, "Chủ tịch UBND xã", "UBND"),
    DemoUser("phochutich", "Lương Thị Hoa", Role.VICE_CHAIR, "Phó Chủ tịch UBND xã", "UBND"),
    DemoUser("vanhoa", "Phạm Thị Lan", Role.CULTURE, "Công chức Văn hóa - Xã hội", "VH-XH"),
    DemoUser(
        "taichinh", "Trương Văn Bình", Role.FINANCE, "Công chức Tài chính - Ngân sách", "TC-NS"
    ),
    DemoUser("mattran", "Cao Thị Thu", Role.ORG_REP, "Phó Chủ tịch Ủy ban MTTQ xã", "MTTQ"),
    DemoUser("truongthon", "Hà Văn Tâm", Role.VILLAGE_HEAD, "Trưởng bản Khằm", "UBND"),
    DemoUser(
        "tocongnghe",
        "Lò Văn Sơn",
        Role.TEAM_MEMBER,
        "Tổ trưởng Tổ CNSCĐ bản Khằm",
        "Đoàn Thanh niên",
    ),
    DemoUser("tinh", "Nguyễn Văn An", Role.PROVINCE_VIEWER, "Chuyên viên Sở KH&CN", ""),
]


@transaction.atomic
def load_foundation() -> Commune:
    province, _ = Province.objects.update_or_create(
        slug="thanh-hoa", defaults={"name": "Thanh Hóa", "code": "38"}
    )
    district, _ = District.objects.update_or_create(
        province=province,
        name="huyện Bá Thước",
        defaults={"abolished_on": dt.date(2025, 7, 1)},
    )
    commune, _ = Commune.objects.update_or_create(
        slug="ai-thuong",
        defaults={
            "province": province,
            "district": district,
            "kind": Commune.Kind.COMMUNE,
            "name": "Ái Thượng",
        },
    )
    villages = {}
    for order, (kind, name, households) in enumerate(VILLAGES, start=1):
        villages[name], _ = Village.objects.update_or_create(
            commune=commune,
            name=name,
            defaults={
                "kind": kind,
                "households": households,
                "sort_order": order,
                "is_sample": True,
            },
        )
    units = {}
    for order, (kind, name, short, sample) in enumerate(UNITS, start=1):
        units[short], _ = OrgUnit.objects.update_or_create(
            commune=commune,
            name=name,
            defaults={"kind": kind, "short_name": short, "sort_order": order, "is_sample": sample},
        )
    for short in ("VH-XH", "TC-NS"):
        OrgUnit.objects.filter(pk=units[short].pk).update(parent=units["UBND"])

    teams = {}
    for village in villages.values():
        teams[village.name], _ = DigitalTeam.objects.update_or_create(
            commune=commune,
            name=f"Tổ công nghệ số cộng đồng {village}",
            defaults={"village": village, "is_sample": True},
        )
    _load_users(commune, province, villages, units, teams)
    _load_team_people(commune, villages, teams)
    return commune


def _load_users(commune, province, villages, units, teams) -> None:
    from django.contrib.auth.hashers import make_password

    # One hash for the shared demo password, computed once: PBKDF2 costs ~0.3 s a call, and
    # nine calls were a third of `make run`'s demo load. The password is public anyway.
    hashed: list[str] = []

    def set_demo_password(user: User) -> None:
        if not hashed:
            hashed.append(make_password(DEMO_PASSWORD))
        user.password = hashed[0]
        user.save()

    for demo in USERS:
        person = None
        if demo.role != Role.PROVINCE_VIEWER:
            person, _ = Person.objects.update_or_create(
                commune=commune,
                full_name=demo.full_name,
                defaults={
                    "position_title": demo.position,
                    "org_unit": units.get(demo.unit),
                    "village": villages["Khằm"]
                    if demo.role in (Role.VILLAGE_HEAD, Role.TEAM_MEMBER)
                    else None,
                    "is_sample": True,
                },
            )
        user, created = User.objects.get_or_create(
            username=demo.username, defaults={"full_name": demo.full_name, "person": person}
        )
        if created:
            set_demo_password(user)
        scope = {"commune": commune, "province": None}
        if demo.role == Role.PROVINCE_VIEWER:
            scope = {"commune": None, "province": province}
        extra = {}
        if demo.role == Role.VILLAGE_HEAD:
            extra["village"] = villages["Khằm"]
        if demo.role == Role.TEAM_MEMBER:
            extra["team"] = teams["Khằm"]
        if demo.role == Role.ORG_REP:
            extra["org_unit"] = units["MTTQ"]
        Membership.objects.get_or_create(user=user, role=demo.role, **scope, **extra)
        if demo.role == Role.TEAM_MEMBER and person is not None:
            TeamMember.objects.get_or_create(
                team=teams["Khằm"], person=person, defaults={"role": TeamMember.Role.LEADER}
            )
    admin, created = User.objects.get_or_create(
        username="quantri",
        defaults={"full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True},
    )
    if created:
        set_demo_password(admin)


# Three sample members for every other team: a leader (the village head), the Youth Union
# secretary as deputy, and a volunteer — the usual pattern (domain brief §1.4).
_TEAM_PEOPLE = [
    ("Hà Văn", TeamMember.Role.LEADER, "Trưởng bản"),
    ("Lò Thị", TeamMember.Role.DEPUTY, "Bí thư Chi đoàn"),
    ("Phạm Văn", TeamMember.Role.MEMBER, "Tình nguyện viên"),
]
_GIVEN = [
    "Đức",
    "Mai",
    "Hùng",
    "Xuân",
    "Thắng",
    "Vân",
    "Cường",
    "Hạnh",
    "Long",
    "Nga",
    "Quý",
    "Dung",
    "Toàn",
    "Yến",
    "Kiên",
    "Liên",
    "Phúc",
    "Thảo",
]


def _load_team_people(commune, villages, teams) -> None:
    i = 0
    for name, team in teams.items():
        if name == "Khằm":
            continue
        for family, role, position in _TEAM_PEOPLE:
            full_name = f"{family} {_GIVEN[i % len(_GIVEN)]}"
            i += 1
            person, _ = Person.objects.update_or_create(
                commune=commune,
                full_name=full_name,
                village=villages[name],
                defaults={"position_title": f"{position} {villages[name]}", "is_sample": True},
            )
            TeamMember.objects.get_or_create(
                team=team, person=person, defaults={"role": role, "is_sample": True}
            )
