"""Who is told when a report moves: submitted → the approvers (Chair, Vice-chairs); returned or
issued → its author (who created it, else who submitted it), with the Chair's comment."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loalang.accounts.access import Cap, members_with
from loalang.core.audit import last_actor
from loalang.notifications.services import note_suffix, notify_users
from loalang.reports.models import Report


def _url(report: Report) -> str:
    return reverse("reports:detail", kwargs={"commune_slug": report.commune.slug, "pk": report.pk})


def report_submitted(report: Report, actor: Any) -> None:
    notify_users(
        users=members_with(report.commune, Cap.APPROVE),
        commune=report.commune,
        message=_("%(actor)s trình báo cáo «%(title)s»: chờ anh/chị duyệt và ban hành."),
        params={"actor": actor, "title": report.title},
        url=_url(report),
        exclude=actor,
    )


def report_reviewed(report: Report, actor: Any, verb: str) -> None:
    messages = {
        "report.returned": _("Báo cáo «%(title)s» bị %(actor)s trả lại để sửa.%(note)s"),
        "report.issued": _("Báo cáo «%(title)s» đã được %(actor)s duyệt, ban hành số %(number)s."),
    }
    author = report.created_by or last_actor(report, "report.submitted")
    notify_users(
        users=[author],
        commune=report.commune,
        message=messages[verb],
        params={
            "title": report.title,
            "actor": actor,
            "note": note_suffix(report.review_note),
            "number": report.number_label,
        },
        url=_url(report),
        exclude=actor,
    )
