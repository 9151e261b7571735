from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from loalang.accounts.models import Role
from loalang.privacy.models import Incident
from loalang.privacy.tests.factories import make_incident
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


def _url(name, commune, **kw):  # type: ignore[no-untyped-def]
    return reverse(f"privacy:{name}", kwargs={"commune_slug": commune.slug, **kw})


def test_culture_officer_records_an_incident_through_the_form(client, commune, culture_user):
    client.force_login(culture_user)
    assert client.get(_url("create", commune)).status_code == 200
    response = client.post(
        _url("create", commune),
        {
            "title": "Mất máy tính có danh sách người tham dự",
            "description": "Máy tính xách tay của bộ phận một cửa bị mất.",
            "data_categories": ["identity", "contact"],
            "subject_groups": ["attendees"],
            "subjects_estimate": "120",
            "found_at": "2026-03-02T09:30",
            "found_by": "Văn phòng UBND",
            "contact_phone": "0912 345 678",
            "status": "open",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("detail", commune, pk=incident.pk)
    assert incident.commune == commune and incident.contact_phone == "0912345678"
    page = client.get(response["Location"]).content.decode()
    assert "Mất máy tính có danh sách người tham dự" in page
    assert "05/03/2026" in page  # the deadline: found + 72 hours


def test_form_errors_are_shown_not_saved(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(_url("create", commune), {"title": "x", "status": "open"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Incident.objects.exists()


def test_outsider_gets_404_for_the_register_and_an_incident(client, commune, outsider):
    incident = make_incident(commune)
    client.force_login(outsider)
    assert client.get(_url("list", commune)).status_code == 404
    assert client.get(_url("detail", commune, pk=incident.pk)).status_code == 404
    assert client.get(_url("notice_pdf", commune, pk=incident.pk)).status_code == 404


def test_another_communes_incident_is_404_in_my_commune(
    client, commune, other_commune, culture_user
):
    theirs = make_incident(other_commune)
    client.force_login(culture_user)
    for name in ("detail", "edit", "notice_docx"):
        assert client.get(_url(name, commune, pk=theirs.pk)).status_code == 404


@pytest.mark.parametrize(
    "role", [Role.VILLAGE_HEAD, Role.VICE_CHAIR, Role.FINANCE, Role.TEAM_MEMBER]
)
def test_members_without_the_privacy_role_get_403(client, commune, role):
    client.force_login(member(commune, role))
    assert client.get(_url("list", commune)).status_code == 403
    assert client.get(_url("dossier_pdf", commune)).status_code == 403


def test_province_viewer_cannot_open_the_register(client, commune):
    from loalang.testing.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, role=Role.PROVINCE_VIEWER, commune=None, province=commune.province)
    client.force_login(user)
    assert client.get(_url("list", commune)).status_code == 403


def test_detail_refuses_post(client, commune, chair_user):
    incident = make_incident(commune)
    client.force_login(chair_user)
    assert client.post(_url("detail", commune, pk=incident.pk)).status_code == 405


def test_list_shows_each_incidents_deadline_in_few_queries(
    client, commune, other_commune, chair_user, django_assert_max_num_queries
):
    for i in range(5):
        make_incident(commune, title=f"Sự cố {i}", found_at=timezone.now() - dt.timedelta(hours=60))
    make_incident(other_commune)
    client.force_login(chair_user)
    with django_assert_max_num_queries(12):
        page = client.get(_url("list", commune)).content.decode()
    assert page.count('data-testid="incident-row"') == 5
    assert "còn 11 giờ" in page


def test_home_page_warns_of_an_incident_due(client, commune, culture_user):
    make_incident(
        commune, title="Lộ số điện thoại", found_at=timezone.now() - dt.timedelta(hours=80)
    )
    client.force_login(culture_user)
    page = client.get(reverse("home:commune_home", kwargs={"commune_slug": commune.slug}))
    assert "Lộ số điện thoại" in page.content.decode()
    assert "quá hạn" in page.content.decode()
