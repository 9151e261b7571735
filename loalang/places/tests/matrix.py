from loalang.accounts.access import Cap
from loalang.testing.factories import VillageFactory
from loalang.testing.matrix import Case

CASES = [
    Case("places:index", Cap.VIEW),
    Case("places:village_create", Cap.MANAGE_ORG),
    Case("places:village_edit", Cap.MANAGE_ORG, kwargs=lambda w: {"pk": w.other_village.pk}),
    Case(
        "places:village_delete",
        Cap.MANAGE_ORG,
        method="post",
        kwargs=lambda w: {"pk": VillageFactory(commune=w.commune).pk},
    ),
    Case("places:contact_edit", Cap.MANAGE_ORG),
    Case("places:merger_create", Cap.MANAGE_ORG),
]
