import pytest
from django.urls import reverse

from loalang.core.models import AuditEntry
from loalang.people.models import OrgUnit, Person, TeamMember
from loalang.testing.factories import (
    DigitalTeamFactory,
    OrgUnitFactory,
    PersonFactory,
    TeamMemberFactory,
)


def url(name, commune, **kw):
    return reverse(f"people:{name}", kwargs={"commune_slug": commune.slug, **kw})


@pytest.mark.django_db
def test_officer_adds_a_unit_and_the_write_is_audited(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("unit_create", commune),
        {"kind": "mass_org", "name": "Hội  Người cao tuổi", "sort_order": 3},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(commune=commune)
    assert unit.name == "Hội Người cao tuổi"
    entry = AuditEntry.objects.get(verb="org_unit.created")
    assert entry.actor == culture_user and entry.commune == commune
    assert entry.after["name"] == "Hội Người cao tuổi"


@pytest.mark.django_db
def test_editing_records_before_and_after(client, commune, culture_user):
    unit = OrgUnitFactory(commune=commune, name="Hội Nông dân")
    client.force_login(culture_user)
    client.post(
        url("unit_edit", commune, pk=unit.pk),
        {"kind": "mass_org", "name": "Hội Nông dân xã", "sort_order": 0},
    )
    entry = AuditEntry.objects.get(verb="org_unit.updated")
    assert entry.before["name"] == "Hội Nông dân"
    assert entry.after["name"] == "Hội Nông dân xã"
    assert ("name", "Hội Nông dân", "Hội Nông dân xã") in entry.changes()


@pytest.mark.django_db
def test_duplicate_unit_name_gets_a_message_and_nothing_is_saved(client, commune, culture_user):
    OrgUnitFactory(commune=commune, name="Đoàn Thanh niên")
    client.force_login(culture_user)
    response = client.post(
        url("unit_create", commune),
        {"kind": "mass_org", "name": "đoàn thanh niên", "sort_order": 0},
    )
    assert response.status_code == 400
    assert "Đã có cơ quan, đơn vị tên này." in response.content.decode()
    assert OrgUnit.objects.filter(commune=commune).count() == 1


@pytest.mark.django_db
def test_bad_phone_is_refused_at_the_field(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("person_create", commune), {"full_name": "Lò Văn A", "phone": "12ab", "is_active": "on"}
    )
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_unit_of_another_commune_cannot_be_chosen(client, commune, other_commune, culture_user):
    foreign = OrgUnitFactory(commune=other_commune)
    client.force_login(culture_user)
    response = client.post(
        url("person_create", commune),
        {"full_name": "Lò Văn B", "org_unit": foreign.pk, "is_active": "on"},
    )
    assert response.status_code == 400
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_person_list_masks_phone_numbers(client, commune, culture_user):
    PersonFactory(commune=commune, phone="0912345678")
    client.force_login(culture_user)
    body = client.get(url("person_list", commune)).content.decode()
    assert "0912 xxx 678" in body
    assert "0912345678" not in body


@pytest.mark.django_db
def test_adding_the_same_member_twice_is_refused(client, commune, culture_user):
    team = DigitalTeamFactory(commune=commune)
    existing = TeamMemberFactory(team=team)
    client.force_login(culture_user)
    response = client.post(
        url("member_add", commune, team_pk=team.pk),
        {"person": existing.person.pk, "role": "member"},
    )
    assert response.status_code == 400
    assert "đã là thành viên" in response.content.decode()
    assert TeamMember.objects.filter(team=team).count() == 1


@pytest.mark.django_db
def test_deleting_a_unit_is_audited(client, commune, culture_user):
    unit = OrgUnitFactory(commune=commune)
    client.force_login(culture_user)
    response = client.post(url("unit_delete", commune, pk=unit.pk), follow=True)
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    assert AuditEntry.objects.filter(verb="org_unit.deleted").count() == 1


@pytest.mark.django_db
def test_wrong_method_is_refused(client, commune, culture_user):
    unit = OrgUnitFactory(commune=commune)
    client.force_login(culture_user)
    assert client.get(url("unit_delete", commune, pk=unit.pk)).status_code == 405


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_teams(
    client, commune, culture_user, django_assert_max_num_queries
):
    for _ in range(5):
        TeamMemberFactory.create_batch(3, team=DigitalTeamFactory(commune=commune))
    OrgUnitFactory.create_batch(5, commune=commune)
    client.force_login(culture_user)
    with django_assert_max_num_queries(12):
        assert client.get(url("index", commune)).status_code == 200
