"""Reads about the administrative map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loalang.places.models import Commune
from loalang.places.official import FormerUnit, OfficialCommune, official


@dataclass(frozen=True)
class OfficialFate:
    """What the official conversion table says became of a commune that existed before 2025."""

    effective_on: dt.date
    successors: tuple[OfficialCommune, ...]
    merged_with: tuple[FormerUnit, ...]  # the other former units that went into the same one
    is_partial: bool


def commune_official_fate(commune: Commune) -> OfficialFate | None:
    """None unless the commune's code is a *former* unit absorbed into another one on 1/7/2025."""
    if not commune.code:
        return None
    data = official()
    new_codes = data.successors_of.get(commune.code, ())
    if not new_codes or new_codes == (commune.code,):
        return None
    successors = tuple(data.communes[c] for c in new_codes if c in data.communes)
    others: list[FormerUnit] = []
    partial = False
    for new in successors:
        for former in data.formers_of.get(new.code, ()):
            if former.code == commune.code:
                partial = partial or former.is_partial
            else:
                others.append(former)
    return OfficialFate(data.effective_on, successors, tuple(others), partial)
