from loalang.accounts.access import Cap
from loalang.accounts.models import Role
from loalang.testing.factories import MembershipFactory
from loalang.testing.matrix import Case

CASES = [
    Case("accounts_staff:member_list", Cap.MANAGE_ORG),
    Case("accounts_staff:member_grant", Cap.MANAGE_ORG),
    Case(
        "accounts_staff:member_revoke",
        Cap.MANAGE_ORG,
        method="post",
        kwargs=lambda w: {
            "pk": MembershipFactory(commune=w.commune, role=Role.VILLAGE_HEAD, village=w.village).pk
        },
    ),
    Case(
        "accounts_staff:member_password_reset",
        Cap.MANAGE_ORG,
        kwargs=lambda w: {
            "user_pk": MembershipFactory(
                commune=w.commune, role=Role.VILLAGE_HEAD, village=w.village
            ).user_id
        },
    ),
]
