"""The permission matrix: every staff URL, every role.

Each app lists its staff URLs in `<app>/tests/matrix.py` as `CASES = [Case(...)]`. The matrix
test (testing/tests/test_permission_matrix.py) fails if a staff URL has no case, then checks,
for every role, that allowed roles get in and the others get 403, that a member of another commune
gets 404, and that an anonymous visitor is sent to the login page.

A case's `kwargs` gets the World and returns URL kwargs besides commune_slug (it may create
records). `cap` says which capability the view needs; `allowed` overrides the roles when a
view is stricter or looser than its capability (e.g. a village head's own village only).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from loalang.accounts.access import CAPS, Cap
from loalang.accounts.models import Role

ALL_ROLES = [r.value for r in Role] + ["superuser"]


@dataclass
class World:
    commune: Any
    other_commune: Any
    village: Any  # the village head's village; the team member's team is in it
    other_village: Any
    team: Any
    org_unit: Any
    users: dict[str, Any]  # role → user, plus "superuser" and "outsider"


@dataclass
class Case:
    url_name: str
    cap: Cap | str = Cap.VIEW
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    allowed: frozenset[str] | None = None  # overrides CAPS[cap]
    query: str = ""

    def allowed_roles(self) -> frozenset[str]:
        if self.allowed is not None:
            return self.allowed | {"superuser"}
        return CAPS[Cap(self.cap)] | {"superuser"}


def all_cases() -> list[Case]:
    """Every app's `tests/matrix.py` CASES. An app without that module has no staff URL; any
    other import error (a typo inside a matrix module) fails loudly instead of dropping its
    cases."""
    cases: list[Case] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("loalang."):
            continue
        name = f"{config.name}.tests.matrix"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name not in {name, f"{config.name}.tests"}:
                raise
            continue
        cases.extend(module.CASES)
    return cases
