"""Factories for the foundation's models, shared by every app's tests."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from loalang.accounts.models import Membership, Role, User
from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember
from loalang.places.models import Commune, District, Province, Village


class ProvinceFactory(DjangoModelFactory[Province]):
    class Meta:
        model = Province
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    slug = factory.Sequence(lambda n: f"tinh-thu-{n}")
    domain = "thanhhoa.gov.vn"  # commune hosts are mapped only under their province's domain


class DistrictFactory(DjangoModelFactory[District]):
    class Meta:
        model = District

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"huyện Thử {n}")


class CommuneFactory(DjangoModelFactory[Commune]):
    class Meta:
        model = Commune

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Đông Sơn {n}")
    slug = factory.Sequence(lambda n: f"dong-son-{n}")


class VillageFactory(DjangoModelFactory[Village]):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Bản {n}")
    kind = Village.Kind.BAN


class OrgUnitFactory(DjangoModelFactory[OrgUnit]):
    class Meta:
        model = OrgUnit

    commune = factory.SubFactory(CommuneFactory)
    kind = OrgUnit.Kind.MASS_ORG
    name = factory.Sequence(lambda n: f"Hội Thử {n}")


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    commune = factory.SubFactory(CommuneFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    phone = "0912345678"


class DigitalTeamFactory(DjangoModelFactory[DigitalTeam]):
    class Meta:
        model = DigitalTeam

    commune = factory.SubFactory(CommuneFactory)
    village = factory.SubFactory(VillageFactory, commune=factory.SelfAttribute("..commune"))
    name = factory.Sequence(lambda n: f"Tổ công nghệ số {n}")


class TeamMemberFactory(DjangoModelFactory[TeamMember]):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(DigitalTeamFactory)
    person = factory.SubFactory(PersonFactory, commune=factory.SelfAttribute("..team.commune"))


def _save_when_created(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
    if create:
        obj.save()


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-123")

    _save = factory.PostGeneration(_save_when_created)


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.CULTURE
    commune = factory.SubFactory(CommuneFactory)


def member(commune: Commune, role: str = Role.CULTURE, **scope: Any) -> User:
    """A new user holding `role` in `commune` (village/team/org_unit passed through)."""
    if role in (Role.PROVINCE_VIEWER, Role.PROVINCE_ADMIN):
        membership = MembershipFactory.create(role=role, commune=None, province=commune.province)
    else:
        membership = MembershipFactory.create(role=role, commune=commune, **scope)
    return membership.user
