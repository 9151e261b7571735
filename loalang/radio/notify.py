"""Who is told when a bulletin moves: submitted → the approvers (Chair, Vice-chairs); approved
or returned → its writer, with the approver's comment."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.accounts.access import Cap, members_with
from loalang.core.audit import last_actor
from loalang.notifications.services import note_suffix, notify_users
from loalang.radio.models import Bulletin


def _url(bulletin: Bulletin) -> str:
    return reverse(
        "radio:bulletin_detail",
        kwargs={"commune_slug": bulletin.commune.slug, "pk": bulletin.pk},
    )


def bulletin_submitted(bulletin: Bulletin, actor: Any) -> None:
    notify_users(
        users=members_with(bulletin.commune, Cap.APPROVE),
        commune=bulletin.commune,
        message=_("%(actor)s gửi bản tin «%(title)s»: chờ anh/chị duyệt để phát."),
        params={"actor": actor, "title": bulletin.title},
        url=_url(bulletin),
        exclude=actor,
    )


def bulletin_reviewed(bulletin: Bulletin, actor: Any, verb: str) -> None:
    messages = {
        "bulletin.approved": _("Bản tin «%(title)s» đã được %(actor)s duyệt.%(note)s"),
        "bulletin.returned": _("Bản tin «%(title)s» bị %(actor)s trả lại để sửa.%(note)s"),
    }
    writer = last_actor(bulletin, "bulletin.submitted") or bulletin.created_by
    notify_users(
        users=[writer],
        commune=bulletin.commune,
        message=messages[verb],
        params={
            "title": bulletin.title,
            "actor": actor,
            "note": note_suffix(bulletin.review_note),
        },
        url=_url(bulletin),
        exclude=actor,
    )
