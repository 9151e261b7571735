"""API tokens: hashed, scoped, per commune, revocable."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from loalang.api.models import ApiToken, Scope
from loalang.api.tokens import api_token_create, api_token_for_key, api_token_revoke
from loalang.core.models import AuditEntry

PROBES = "/api/v1/{slug}/ops/probes"


def auth(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def ops_key(commune, culture_user):
    return api_token_create(
        commune=commune, name="Giám sát", scopes=[Scope.OPS], actor=culture_user
    )


@pytest.mark.django_db
def test_only_a_hash_is_stored_and_audit_has_no_secret(ops_key):
    token, raw = ops_key
    assert raw not in str(ApiToken.objects.values().get())
    entry = AuditEntry.objects.get(verb="api_token.created")
    assert raw not in str(entry.after) and token.digest not in str(entry.after)
    assert api_token_for_key(raw) == token


@pytest.mark.django_db
def test_unknown_scope_is_refused(commune, culture_user):
    with pytest.raises(ValidationError):
        api_token_create(commune=commune, name="x", scopes=["admin"], actor=culture_user)


@pytest.mark.django_db(transaction=True)
def test_probe_enqueues_and_runs(client, commune, ops_key):
    from loalang.ops.models import JobProbe

    _token, raw = ops_key
    response = client.post(
        PROBES.format(slug=commune.slug),
        {"label": "a"},
        content_type="application/json",
        **auth(raw),
    )
    assert response.status_code == 202
    assert JobProbe.objects.get().task_id == response.json()["task_id"]


@pytest.mark.django_db
def test_revoked_token_gets_401(client, commune, ops_key, culture_user):
    token, raw = ops_key
    api_token_revoke(token=token, actor=culture_user)
    response = client.post(
        PROBES.format(slug=commune.slug),
        {"label": "a"},
        content_type="application/json",
        **auth(raw),
    )
    assert response.status_code == 401


@pytest.mark.django_db
def test_other_commune_is_404_and_missing_scope_403(client, commune, other_commune, culture_user):
    _t, raw = api_token_create(commune=commune, name="r", scopes=[Scope.READ], actor=culture_user)
    url = PROBES.format(slug=other_commune.slug)
    body = {"label": "a"}
    assert client.post(url, body, content_type="application/json", **auth(raw)).status_code == 404
    url = PROBES.format(slug=commune.slug)
    assert client.post(url, body, content_type="application/json", **auth(raw)).status_code == 403


@pytest.mark.django_db
def test_no_or_bad_token_gets_401(client, commune):
    url = PROBES.format(slug=commune.slug)
    assert client.post(url, {}, content_type="application/json").status_code == 401
    bad = auth("ll_00000000_" + "x" * 43)
    assert client.post(url, {}, content_type="application/json", **bad).status_code == 401


@pytest.mark.django_db
def test_command_creates_lists_and_revokes(commune):
    out = io.StringIO()
    call_command(
        "api_token", "create", commune=commune.slug, name="Đài tỉnh", scope=["read"], stdout=out
    )
    prefix, raw = out.getvalue().split()[0], out.getvalue().split()[-1]
    assert api_token_for_key(raw) is not None
    call_command("api_token", "revoke", prefix, stdout=out)
    assert api_token_for_key(raw) is None
    call_command("api_token", "list", commune=commune.slug, stdout=out)
    assert "revoked" in out.getvalue()


@pytest.mark.django_db
def test_schema_and_docs_are_public_and_local(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Loa Làng API"
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/swagger-ui-bundle.js" in docs
