import pytest
from django.urls import reverse

from loalang.core.models import AuditEntry
from loalang.places.models import CommuneMerger, Village
from loalang.testing.factories import VillageFactory


def url(name, commune, **kw):
    return reverse(f"places:{name}", kwargs={"commune_slug": commune.slug, **kw})


@pytest.mark.django_db
def test_officer_adds_a_village(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("village_create", commune),
        {"kind": "ban", "name": "Chiềng Ai", "households": 120, "sort_order": 1},
    )
    assert response.status_code == 302
    v = Village.objects.get(commune=commune)
    assert str(v) == "Bản Chiềng Ai"
    assert AuditEntry.objects.filter(verb="village.created", commune=commune).exists()


@pytest.mark.django_db
def test_negative_households_is_refused(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("village_create", commune),
        {"kind": "ban", "name": "Nán", "households": -3, "sort_order": 1},
    )
    assert response.status_code == 400
    assert not Village.objects.exists()


@pytest.mark.django_db
def test_same_village_name_in_another_commune_is_fine(client, commune, other_commune, culture_user):
    VillageFactory(commune=other_commune, name="Khằm")
    client.force_login(culture_user)
    response = client.post(
        url("village_create", commune), {"kind": "ban", "name": "Khằm", "sort_order": 1}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_merger_is_recorded_with_its_date(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("merger_create", commune),
        {
            "former_name": "xã Ái Hạ",
            "effective_on": "2025-07-01",
            "legal_basis": "Nghị quyết 1686/NQ-UBTVQH15",
        },
    )
    assert response.status_code == 302
    m = CommuneMerger.objects.get(commune=commune)
    assert m.effective_on.isoformat() == "2025-07-01"
    body = client.get(url("index", commune)).content.decode()
    assert "xã Ái Hạ" in body and "01/07/2025" in body


@pytest.mark.django_db
def test_impossible_date_gets_a_message(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("merger_create", commune), {"former_name": "xã X", "effective_on": "2025-02-30"}
    )
    assert response.status_code == 400
    assert not CommuneMerger.objects.exists()


@pytest.mark.django_db
def test_outsider_cannot_edit_a_village(client, commune, outsider):
    v = VillageFactory(commune=commune)
    client.force_login(outsider)
    assert client.get(url("village_edit", commune, pk=v.pk)).status_code == 404


@pytest.mark.django_db
def test_village_of_another_commune_is_404_through_own_commune(
    client, commune, other_commune, culture_user
):
    v = VillageFactory(commune=other_commune)
    client.force_login(culture_user)
    assert client.get(url("village_edit", commune, pk=v.pk)).status_code == 404
