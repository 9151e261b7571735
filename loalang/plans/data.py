"""A plan as one JSON-safe dict: the form used for copies, templates, imports, the demo plan,
revision snapshots and diffs. `plan_data(plan)` reads it from the database (prefetched);
`services.plan_create_from_data` and `services.plan_sync_children` write it back.

Keys (all present; lists are in document order):
  title year type_name number symbol place issued_on parent_issuer issuer preamble
  funding_text closing signer{authority deputy title name}
  legal_bases[{verb doc_type number symbol issued_on date_style issuer summary}]
  purposes[str] requirements[str] themes[{letter short_name text}]
  channels[{channel text is_emphasised also_channels}]
  funding_sources[{kind name planned_vnd}]
  assignments[{unit_label intro is_standing org_unit_id duties[str]}]
  targets[{description metric channel activity_kind target_value unit period per_village
           village_id village_name due_on}]
    (a target with village_id is that one village's own; village_name — "Bản Khằm" — is
    read-only, for the document, diffs and pages, and is ignored when written back; the demo
    loader also passes is_sample, which is written but not read back)
  recipients[{name purpose}]
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

# Vietnamese lettering of points: no f, j, w, z; đ after d.
LETTERS = list("abcdđeghiklmnopqrstuvxy")


def letter(index: int, *, skip_d: bool = False) -> str:
    """0 → a, 4 → đ, 6 → g …; with skip_d (a style many plans use) 4 → e. Past y it doubles
    (aa, bb) rather than failing."""
    letters = [x for x in LETTERS if x != "đ"] if skip_d else LETTERS
    if index < len(letters):
        return letters[index]
    return letters[index % len(letters)] * (index // len(letters) + 1)


def empty_data(*, title: str = "", year: int | None = None) -> dict[str, Any]:
    return {
        "title": title,
        "year": year or dt.date.today().year,
        "type_name": "Kế hoạch",
        "number": "",
        "symbol": "KH-UBND",
        "place": "",
        "issued_on": "",
        "parent_issuer": "",
        "issuer": "",
        "preamble": "",
        "funding_text": "",
        "closing": "",
        "signer": {"authority": "", "deputy": "", "title": "", "name": ""},
        "legal_bases": [],
        "purposes": [],
        "requirements": [],
        "themes": [],
        "channels": [],
        "funding_sources": [],
        "assignments": [],
        "targets": [],
        "recipients": [],
    }


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def plan_data(plan: Any) -> dict[str, Any]:
    """The plan as data. Uses the plan's related managers; prefetch them for lists."""
    data = empty_data(title=plan.title, year=plan.year)
    data.update(
        type_name=plan.type_name,
        number=plan.number,
        symbol=plan.symbol,
        place=plan.place,
        issued_on=_iso(plan.issued_on),
        parent_issuer=plan.parent_issuer,
        issuer=plan.issuer,
        preamble=plan.preamble,
        funding_text=plan.funding_text,
        closing=plan.closing,
        signer={
            "authority": plan.signer_authority,
            "deputy": plan.signer_deputy,
            "title": plan.signer_title,
            "name": plan.signer_name,
        },
    )
    data["legal_bases"] = [
        {
            "verb": b.verb,
            "doc_type": b.document.doc_type,
            "number": b.document.number,
            "symbol": b.document.symbol,
            "issued_on": _iso(b.document.issued_on),
            "date_style": b.document.date_style,
            "issuer": b.document.issuer,
            "summary": b.document.summary,
        }
        for b in plan.legal_bases.all()
    ]
    points = list(plan.points.all())
    data["purposes"] = [p.text for p in points if p.kind == "purpose"]
    data["requirements"] = [p.text for p in points if p.kind == "requirement"]
    data["themes"] = [
        {"letter": t.letter, "short_name": t.short_name, "text": t.text} for t in plan.themes.all()
    ]
    data["channels"] = [
        {
            "channel": c.channel,
            "text": c.text,
            "is_emphasised": c.is_emphasised,
            "also_channels": list(c.also_channels or []),
        }
        for c in plan.channels.all()
    ]
    data["funding_sources"] = [
        {"kind": f.kind, "name": f.name, "planned_vnd": f.planned_vnd}
        for f in plan.funding_sources.all()
    ]
    data["assignments"] = [
        {
            "unit_label": a.unit_label,
            "intro": a.intro,
            "is_standing": a.is_standing,
            "org_unit_id": a.org_unit_id,
            "duties": [d.text for d in a.duties.all()],
        }
        for a in plan.assignments.all()
    ]
    targets = plan.targets.all()
    if "targets" not in getattr(plan, "_prefetched_objects_cache", {}):
        targets = targets.select_related("village")
    data["targets"] = [
        {
            "description": t.description,
            "metric": t.metric,
            "channel": t.channel,
            "activity_kind": t.activity_kind,
            "target_value": t.target_value,
            "unit": t.unit,
            "period": t.period,
            "per_village": t.per_village,
            "village_id": t.village_id,
            "village_name": str(t.village) if t.village_id else "",
            "due_on": _iso(t.due_on),
        }
        for t in targets
    ]
    data["recipients"] = [{"name": r.name, "purpose": r.purpose} for r in plan.recipients.all()]
    return data


def for_next_year(data: dict[str, Any], year: int) -> dict[str, Any]:
    """A copy to start next year's plan: header and dates cleared, '2023' → '2024' in the
    title and the closing sentence, targets' deadlines dropped (they belong to last year)."""
    new = copy.deepcopy(data)
    old = str(data["year"])
    new["year"] = year
    for key in ("title", "closing", "preamble"):
        new[key] = new[key].replace(f"năm {old}", f"năm {year}")
    new["number"] = ""
    new["issued_on"] = ""
    new["signer"]["name"] = ""
    for target in new["targets"]:
        target["due_on"] = ""
    return new
