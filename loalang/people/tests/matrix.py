from loalang.accounts.access import Cap
from loalang.testing.factories import OrgUnitFactory, PersonFactory, TeamMemberFactory
from loalang.testing.matrix import Case

CASES = [
    Case("people:index", Cap.VIEW),
    Case("people:person_list", Cap.VIEW),
    Case("people:person_create", Cap.MANAGE_ORG),
    Case(
        "people:person_edit",
        Cap.MANAGE_ORG,
        kwargs=lambda w: {"pk": PersonFactory(commune=w.commune).pk},
    ),
    Case("people:unit_create", Cap.MANAGE_ORG),
    Case("people:unit_edit", Cap.MANAGE_ORG, kwargs=lambda w: {"pk": w.org_unit.pk}),
    Case(
        "people:unit_delete",
        Cap.MANAGE_ORG,
        method="post",
        kwargs=lambda w: {"pk": OrgUnitFactory(commune=w.commune).pk},
    ),
    Case("people:team_create", Cap.MANAGE_ORG),
    Case("people:team_edit", Cap.MANAGE_ORG, kwargs=lambda w: {"pk": w.team.pk}),
    Case("people:member_add", Cap.MANAGE_ORG, kwargs=lambda w: {"team_pk": w.team.pk}),
    Case(
        "people:member_remove",
        Cap.MANAGE_ORG,
        method="post",
        kwargs=lambda w: {"pk": TeamMemberFactory(team=w.team).pk},
    ),
]
