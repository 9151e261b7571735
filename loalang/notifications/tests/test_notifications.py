from __future__ import annotations

import pytest
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.core.models import AuditEntry
from loalang.notifications.models import Notification
from loalang.notifications.selectors import notification_list, notification_unread_count
from loalang.notifications.services import notify
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


def test_notify_creates_unread_notification_and_audits(commune, culture_user):
    n = notify(user=culture_user, commune=commune, text="Nhiệm vụ quá hạn", url="/app/x/")
    assert not n.is_read
    assert notification_unread_count(user=culture_user, commune=commune) == 1
    assert AuditEntry.objects.filter(verb="notification.sent", target_id=str(n.pk)).exists()


def test_notify_drops_off_site_links(commune, culture_user):
    assert (
        notify(user=culture_user, commune=commune, text="x", url="https://evil.example").url == ""
    )
    assert notify(user=culture_user, commune=commune, text="x", url="//evil.example").url == ""


def test_header_shows_unread_count(client, commune, culture_user):
    notify(user=culture_user, commune=commune, text="Một", url="")
    notify(user=culture_user, commune=commune, text="Hai", url="")
    client.force_login(culture_user)
    html = client.get(reverse("home:commune_home", args=[commune.slug])).content.decode()
    assert 'data-testid="notifications-unread">2<' in html


def test_list_shows_only_own_notifications(client, commune, culture_user, chair_user):
    notify(user=culture_user, commune=commune, text="Của tôi", url="")
    notify(user=chair_user, commune=commune, text="Của Chủ tịch", url="")
    client.force_login(culture_user)
    html = client.get(reverse("notifications:list", args=[commune.slug])).content.decode()
    assert "Của tôi" in html and "Của Chủ tịch" not in html


def test_opening_marks_read_and_follows_link(client, commune, culture_user):
    n = notify(user=culture_user, commune=commune, text="x", url=f"/app/{commune.slug}/")
    client.force_login(culture_user)
    response = client.post(reverse("notifications:open", args=[commune.slug, n.pk]))
    assert response.status_code == 302 and response["Location"] == f"/app/{commune.slug}/"
    n.refresh_from_db()
    assert n.is_read


def test_someone_elses_notification_is_forbidden(client, commune, culture_user, chair_user):
    n = notify(user=chair_user, commune=commune, text="x", url="")
    client.force_login(culture_user)
    assert client.post(reverse("notifications:open", args=[commune.slug, n.pk])).status_code == 403
    n.refresh_from_db()
    assert not n.is_read


def test_outsider_gets_404(client, commune, culture_user, outsider):
    n = notify(user=culture_user, commune=commune, text="x", url="")
    client.force_login(outsider)
    assert client.get(reverse("notifications:list", args=[commune.slug])).status_code == 404
    assert client.post(reverse("notifications:open", args=[commune.slug, n.pk])).status_code == 404


def test_wrong_methods(client, commune, culture_user):
    n = notify(user=culture_user, commune=commune, text="x", url="")
    client.force_login(culture_user)
    assert client.post(reverse("notifications:list", args=[commune.slug])).status_code == 405
    assert client.get(reverse("notifications:open", args=[commune.slug, n.pk])).status_code == 405
    assert client.get(reverse("notifications:read_all", args=[commune.slug])).status_code == 405


def test_read_all_marks_only_own(client, commune, culture_user, chair_user):
    notify(user=culture_user, commune=commune, text="a", url="")
    notify(user=chair_user, commune=commune, text="b", url="")
    client.force_login(culture_user)
    client.post(reverse("notifications:read_all", args=[commune.slug]))
    assert notification_unread_count(user=culture_user, commune=commune) == 0
    assert notification_unread_count(user=chair_user, commune=commune) == 1


def test_list_selector_query_count(commune, django_assert_max_num_queries):
    user = member(commune, Role.CULTURE)
    for i in range(5):
        notify(user=user, commune=commune, text=f"n{i}", url="")
    with django_assert_max_num_queries(1):
        assert len(list(notification_list(user=user, commune=commune))) == 5
    assert Notification.objects.count() == 5
