from __future__ import annotations

import pytest

from loalang.api.models import Scope
from loalang.api.tokens import api_token_create

ALL_SCOPES = [Scope.READ, Scope.ACTIVITIES_WRITE, Scope.BULLETINS_WRITE]


@pytest.fixture
def key(commune, culture_user):
    """A raw API key for `commune` with read and write scopes."""
    _token, raw = api_token_create(
        commune=commune, name="Đài tỉnh", scopes=ALL_SCOPES, actor=culture_user
    )
    return raw


@pytest.fixture
def api(client, key):
    """The test client with the key in every request."""

    class Api:
        def get(self, path: str, **params):  # type: ignore[no-untyped-def]
            return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {key}")

        def post(self, path: str, body):  # type: ignore[no-untyped-def]
            return client.post(
                path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
            )

        def method(self, method: str, path: str):  # type: ignore[no-untyped-def]
            return getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {key}")

    return Api()
