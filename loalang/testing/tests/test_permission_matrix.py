"""Every staff URL × every role (see loalang/testing/matrix.py for how apps add their cases)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from loalang.testing.matrix import ALL_ROLES, Case, all_cases

STAFF_PREFIX = "app/<slug:commune_slug>/"


def _staff_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix: str, namespace: str) -> None:  # type: ignore[no-untyped-def]
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, route, ns)
            elif isinstance(p, URLPattern) and route.startswith(STAFF_PREFIX) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, "", "")
    return names


CASES = all_cases()


def test_every_staff_url_has_a_matrix_case():
    covered = {c.url_name for c in CASES}
    missing = sorted(_staff_url_names() - covered)
    assert not missing, f"staff URLs without a permission-matrix case: {missing}"


def _request(client, case: Case, world, url: str):  # type: ignore[no-untyped-def]
    data = case.data(world) if case.data else {}
    if case.method == "post":
        return client.post(url, data)
    return client.get(url + (f"?{case.query}" if case.query else ""))


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.url_name}-{c.method}")
def test_matrix(client, world, case: Case):
    allowed = case.allowed_roles()

    def fresh_url() -> str:
        # A new set of kwargs for every request: a POST that deletes or changes state must not
        # make the next role's request fail for the wrong reason.
        return reverse(
            case.url_name, kwargs={"commune_slug": world.commune.slug, **case.kwargs(world)}
        )

    url = fresh_url()
    response = _request(client, case, world, url)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"], (
        f"anonymous {case.method} {url} → {response.status_code}"
    )

    for role in ALL_ROLES:
        client.force_login(world.users[role])
        url = fresh_url()
        response = _request(client, case, world, url)
        if role in allowed:
            assert response.status_code not in (403, 404, 405) and response.status_code < 500, (
                f"{role} should be allowed: {case.method} {url} → {response.status_code}"
            )
        else:
            assert response.status_code == 403, (
                f"{role} should get 403: {case.method} {url} → {response.status_code}"
            )
        client.logout()

    client.force_login(world.users["outsider"])
    url = fresh_url()
    response = _request(client, case, world, url)
    assert response.status_code == 404, f"outsider: {case.method} {url} → {response.status_code}"
