"""Who is told when an activity is returned: whoever reported it, with what to add or fix."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.activities.models import Activity
from loalang.notifications.services import note_suffix, notify_users


def activity_returned(activity: Activity, actor: Any) -> None:
    notify_users(
        users=[activity.recorded_by],
        commune=activity.commune,
        message=_("Hoạt động «%(title)s» bị %(actor)s trả lại để bổ sung.%(note)s"),
        params={
            "title": activity.title,
            "actor": actor,
            "note": note_suffix(activity.review_comment),
        },
        url=reverse(
            "activities:detail",
            kwargs={"commune_slug": activity.commune.slug, "pk": activity.pk},
        ),
        exclude=actor,
    )
