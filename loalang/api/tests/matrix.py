from loalang.accounts.access import Cap
from loalang.api.models import Scope
from loalang.api.tokens import api_token_create
from loalang.testing.matrix import Case


def _token_pk(w):  # type: ignore[no-untyped-def]
    token, _raw = api_token_create(
        commune=w.commune, name="Đài tỉnh", scopes=[Scope.READ], actor=None
    )
    return {"pk": token.pk}


CASES = [
    Case("api_staff:token_list", Cap.MANAGE_ORG),
    Case("api_staff:token_create", Cap.MANAGE_ORG),
    Case(
        "api_staff:token_create",
        Cap.MANAGE_ORG,
        method="post",
        data=lambda w: {"name": "Đài tỉnh", "scopes": [Scope.READ.value]},
    ),
    Case("api_staff:token_revoke", Cap.MANAGE_ORG, kwargs=_token_pk),
    Case("api_staff:token_revoke", Cap.MANAGE_ORG, method="post", kwargs=_token_pk),
]
