from loalang.accounts.access import Cap
from loalang.testing.matrix import Case, World


def _superuser_notification(w: World) -> dict:
    from loalang.notifications.services import notify

    n = notify(user=w.users["superuser"], commune=w.commune, text="Thử", url="/")
    return {"pk": n.pk}


CASES = [
    Case("notifications:list", Cap.VIEW),
    Case("notifications:read_all", Cap.VIEW, method="post"),
    # A notification belongs to one user: every other member gets 403, outsiders 404.
    Case(
        "notifications:open",
        Cap.VIEW,
        method="post",
        kwargs=_superuser_notification,
        allowed=frozenset(),
    ),
]

# Settings are each user's own: every member may open and change theirs.
CASES += [
    Case("notifications:settings", Cap.VIEW),
    Case("notifications:settings", Cap.VIEW, method="post", data=lambda w: {"phone": ""}),
    Case("notifications:send_test", Cap.VIEW, method="post"),
    Case("notifications:push_subscribe", Cap.VIEW, method="post"),
    Case("notifications:push_unsubscribe", Cap.VIEW, method="post"),
]
