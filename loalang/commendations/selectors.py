"""Reads of commendations: for staff pages, for reports and for the public portal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from loalang.activities.models import Activity
from loalang.commendations.models import Commendation
from loalang.core.text import fold


def commendation_list(
    *, commune: Any, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Commendation]:
    """Every commendation of `commune` awarded in [date_from, date_to] (either end optional),
    newest first, with its linked activities prefetched (for reports: section I)."""
    qs = Commendation.objects.filter(commune=commune)
    if date_from:
        qs = qs.filter(awarded_on__gte=date_from)
    if date_to:
        qs = qs.filter(awarded_on__lte=date_to)
    return (
        qs.select_related("plan")
        .prefetch_related("activities")
        .annotate(activity_count=Count("activities"))
        .order_by("-awarded_on", "-id")
    )


def commendation_list_public(*, commune: Any, limit: int = 10) -> list[Commendation]:
    """The latest commendations marked public, for the portal. Only public fields are meant
    to be shown: subject_name, subject_kind, reason, awarded_on, decision_ref."""
    return list(
        Commendation.objects.filter(commune=commune, is_public=True)
        .only("subject_kind", "subject_name", "reason", "awarded_on", "decision_ref", "commune_id")
        .order_by("-awarded_on", "-id")[:limit]
    )


# --- Activity picker (commendation form) -------------------------------------------------

ACTIVITY_SEARCH_LIMIT = 30


def _letter_classes() -> dict[str, str]:
    """Every Latin letter that core.text.fold turns into a given ASCII letter, both cases:
    'a' → 'aAàÀáÁ…ặẶ', 'd' → 'dDđĐ'. Built once from the Latin blocks Vietnamese uses."""
    found: dict[str, list[str]] = {}
    for start, end in ((0x41, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            ch = chr(code)
            folded = fold(ch)
            if len(folded) == 1 and "a" <= folded <= "z":
                found.setdefault(folded, []).append(ch)
    return {letter: "".join(chars) for letter, chars in found.items()}


_LETTERS = _letter_classes()
_COMBINING = "[\u0300-\u036f]*"  # titles typed with a decomposing keyboard (NFD)
_META = set(".^$*+?()[]{}|\\-/")


def fold_pattern(term: str) -> str:
    """A regular expression that finds `term` regardless of case and diacritics, the same in
    SQLite (Python's re) and PostgreSQL (~): 'doi' finds 'Đổi', 'ĐÔI', 'dơi'. The term is
    folded first, so 'đổi' is the same search as 'doi'. Letters only in character classes,
    other characters escaped: nothing the user types acts as a regex operator."""
    parts = []
    for ch in fold(term):
        if ch in _LETTERS:
            parts.append(f"[{_LETTERS[ch]}]{_COMBINING}")
        elif ch in _META:
            parts.append("\\" + ch)
        elif ch.isspace():
            parts.append("\\s+")
        else:
            parts.append(ch)
    return "".join(parts)


def activity_choices(*, commune: Any) -> QuerySet[Activity]:
    """The activities a commendation may cite: the commune's verified ones."""
    return Activity.objects.filter(commune=commune, status=Activity.Status.VERIFIED)


def activity_search(
    *,
    commune: Any,
    query: str = "",
    limit: int = ACTIVITY_SEARCH_LIMIT,
    team_id: int | None = None,
    village_id: int | None = None,
    org_unit_id: int | None = None,
    exclude_ids: Iterable[int] = (),
) -> list[Activity]:
    """At most `limit` verified activities of `commune` whose title holds every word of
    `query` (accent- and case-insensitive), newest first. With no query: the newest ones.
    `team_id` / `village_id` / `org_unit_id` narrow to the subject's own activities."""
    qs = activity_choices(commune=commune)
    for term in fold(query).split()[:8]:
        qs = qs.filter(title__regex=fold_pattern(term))
    if team_id:
        qs = qs.filter(team_id=team_id)
    if village_id:
        qs = qs.filter(villages__id=village_id)
    if org_unit_id:
        qs = qs.filter(org_unit_id=org_unit_id)
    exclude = [i for i in exclude_ids if i]
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    return list(
        qs.only("id", "title", "held_on", "kind", "commune_id").order_by("-held_on", "-id")[
            : max(0, min(limit, ACTIVITY_SEARCH_LIMIT))
        ]
    )
