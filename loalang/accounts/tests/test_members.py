import pytest
from django.urls import reverse

from loalang.accounts.models import Membership, Role, User
from loalang.core.models import AuditEntry
from loalang.testing.factories import VillageFactory, member


def url(name, commune, **kw):
    return reverse(f"accounts_staff:{name}", kwargs={"commune_slug": commune.slug, **kw})


@pytest.mark.django_db
def test_culture_officer_creates_a_village_head_account(client, commune, culture_user):
    village = VillageFactory(commune=commune)
    client.force_login(culture_user)
    response = client.post(
        url("member_grant", commune),
        {
            "username": "truongban.kham",
            "full_name": "Hà Văn Tâm",
            "role": "village_head",
            "village": village.pk,
            "password": "Ban-Kham-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="truongban.kham")
    assert user.check_password("Ban-Kham-2026!")
    m = Membership.objects.get(user=user)
    assert (m.role, m.commune, m.village) == (Role.VILLAGE_HEAD, commune, village)
    assert AuditEntry.objects.filter(verb="membership.created").exists()
    assert not AuditEntry.objects.filter(after__has_key="password").exists()


@pytest.mark.django_db
def test_village_head_without_village_gets_a_message(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("member_grant", commune),
        {"username": "abc", "role": "village_head", "password": "Ban-Kham-2026!"},
    )
    assert response.status_code == 400
    assert "Vai trò này cần chọn" in response.content.decode()
    assert not User.objects.filter(username="abc").exists()


@pytest.mark.django_db
def test_weak_password_is_refused_and_nothing_saved(client, commune, chair_user):
    client.force_login(chair_user)
    response = client.post(
        url("member_grant", commune),
        {"username": "ketoan2", "role": "finance", "password": "12345678"},
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="ketoan2").exists()


@pytest.mark.django_db
def test_culture_officer_cannot_make_someone_chair(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("member_grant", commune),
        {"username": "x.chair", "role": "chair", "password": "Ban-Kham-2026!"},
    )
    assert response.status_code == 400  # "chair" is not among the choices offered
    assert not Membership.objects.filter(role=Role.CHAIR, user__username="x.chair").exists()


@pytest.mark.django_db
def test_revoked_member_loses_access(client, commune, culture_user):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    m = Membership.objects.get(user=head)
    client.force_login(culture_user)
    client.post(url("member_revoke", commune, pk=m.pk))
    m.refresh_from_db()
    assert m.is_active is False
    client.force_login(head)
    assert client.get(reverse("home:commune_home", args=[commune.slug])).status_code == 404
