from __future__ import annotations

import pytest
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.budget.services import estimate_line_propose, funding_source_create
from loalang.core.audit import audit_log
from loalang.core.models import AuditEntry
from loalang.testing.factories import VillageFactory, member

pytestmark = pytest.mark.django_db


def test_landing_lists_the_communes(client, commune):
    page = client.get("/").content.decode()
    assert commune.name in page


def test_a_member_of_one_commune_goes_straight_to_its_home(client, culture_user, commune):
    client.force_login(culture_user)
    response = client.get(reverse("app"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home:commune_home", args=[commune.slug])


def test_staff_home_shows_villages_and_outsider_gets_404(client, culture_user, outsider, commune):
    VillageFactory(commune=commune, name="Bản Khằm")
    client.force_login(culture_user)
    home = reverse("home:commune_home", args=[commune.slug])
    assert "Bản Khằm" in client.get(home).content.decode()
    client.force_login(outsider)
    assert client.get(home).status_code == 404


def test_audit_page_lists_this_communes_writes_only(client, commune, other_commune):
    chair = member(commune, Role.CHAIR)
    village = VillageFactory(commune=commune, name="Bản Nán")
    foreign = VillageFactory(commune=other_commune, name="Bản Xa")
    audit_log(actor=chair, verb="village.created", target=village, commune=commune)
    audit_log(actor=chair, verb="village.created", target=foreign, commune=other_commune)
    client.force_login(chair)
    page = client.get(reverse("home:audit_list", args=[commune.slug])).content.decode()
    assert "Bản Nán" in page
    assert "Bản Xa" not in page
    filtered = client.get(
        reverse("home:audit_list", args=[commune.slug]), {"verb": "plan."}
    ).content.decode()
    assert "Bản Nán" not in filtered


def test_audit_page_refuses_post(client, commune):
    client.force_login(member(commune, Role.CHAIR))
    assert client.post(reverse("home:audit_list", args=[commune.slug])).status_code == 405


def test_budget_lines_are_audited_under_their_commune(commune):
    """Core used to guess the commune from attribute names and missed estimate lines (their
    commune is two relations away); the caller now says it."""
    from loalang.plans.tests.factories import make_plan

    officer = member(commune, Role.CULTURE)
    plan = make_plan(commune, officer)
    source = funding_source_create(
        plan=plan, actor=officer, kind="state_budget", name="Ngân sách xã"
    )
    estimate_line_propose(source=source, actor=officer, title="In tờ rơi", amount_vnd=1000)
    entry = AuditEntry.objects.get(verb="estimate_line.proposed")
    assert entry.commune == commune
