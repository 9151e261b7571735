"""A plan as one JSON-safe dict: the form used for copies, templates, imports, the demo plan,
revision snapshots and diffs. `plan_data(plan)` reads it from the database (prefetched);
`services.plan_create_from_data` and `services.plan_sync_children` write it back.

Its shape is `PlanData` below (every key present; lists in document order; dates as ISO text,
"" when unset). mypy checks it where it is built (importer, forms, demo, templates) and read
(document, services, checks, diffs).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import TYPE_CHECKING, Literal, NotRequired, TypedDict, get_args

from loalang.documents.signers import Signer

if TYPE_CHECKING:
    from loalang.plans.models import Plan


class LegalBasis(TypedDict):
    verb: str  # 'Căn cứ', 'Thực hiện', …
    doc_type: str  # 'Kế hoạch'; a law cited by name keeps it: 'Luật Tổ chức …'
    number: str  # '133' ('' for a law)
    symbol: str  # 'KH-UBND'
    issued_on: str  # ISO or ''
    date_style: str  # LegalDocument.DateStyle: 'padded' | 'short'
    issuer: str
    summary: str


class Theme(TypedDict):
    letter: str
    short_name: str
    text: str


class ChannelItem(TypedDict):
    channel: str  # core.channels.Channel code
    text: str
    is_emphasised: bool
    also_channels: list[str]


class FundingItem(TypedDict):
    kind: str
    name: str
    planned_vnd: int


class Assignment(TypedDict):
    unit_label: str
    intro: str
    is_standing: bool
    org_unit_id: int | None
    duties: list[str]


class Target(TypedDict):
    description: str
    metric: str
    channel: str
    activity_kind: str
    target_value: int
    unit: str
    period: str
    per_village: bool
    village_id: int | None  # a target with village_id is that one village's own
    due_on: str  # ISO or ''
    # Read-only ('Bản Khằm'), for the document, diffs and pages; ignored when written back.
    village_name: NotRequired[str]
    # Only the demo loader passes it; written, never read back.
    is_sample: NotRequired[bool]


class Recipient(TypedDict):
    name: str
    purpose: str  # 'để b/c'


class PlanData(TypedDict):
    title: str
    year: int
    type_name: str
    number: str
    symbol: str
    place: str
    issued_on: str  # ISO or ''
    parent_issuer: str
    issuer: str
    preamble: str
    funding_text: str
    closing: str
    signer: Signer
    legal_bases: list[LegalBasis]
    purposes: list[str]
    requirements: list[str]
    themes: list[Theme]
    channels: list[ChannelItem]
    funding_sources: list[FundingItem]
    assignments: list[Assignment]
    targets: list[Target]
    recipients: list[Recipient]


class PlanHeader(TypedDict):
    """What the header form edits (HeaderForm.to_value)."""

    title: str
    year: int
    symbol: str
    place: str
    parent_issuer: str
    issuer: str
    preamble: str
    funding_text: str
    closing: str
    signer: Signer


class ImportedHeader(PlanHeader):
    """The import review's header: also the original's type, own number and date."""

    type_name: str
    number: str
    issued_on: str  # ISO or ''


# The lists of PlanData, each edited as one section of the plan editor.
Section = Literal[
    "legal_bases", "purposes", "requirements", "themes", "channels", "funding_sources",
    "assignments", "targets", "recipients",
]  # fmt: skip
SECTIONS: tuple[Section, ...] = get_args(Section)


def section_key(name: str) -> Section | None:
    """`name` as a Section (from a URL or a form), or None if the plan has no such list."""
    return next((key for key in SECTIONS if key == name), None)


def with_header(data: PlanData, header: PlanHeader) -> PlanData:
    return {**data, **header}


# Vietnamese lettering of points: no f, j, w, z; đ after d.
LETTERS = list("abcdđeghiklmnopqrstuvxy")


def letter(index: int, *, skip_d: bool = False) -> str:
    """0 → a, 4 → đ, 6 → g …; with skip_d (a style many plans use) 4 → e. Past y it doubles
    (aa, bb) rather than failing."""
    letters = [x for x in LETTERS if x != "đ"] if skip_d else LETTERS
    if index < len(letters):
        return letters[index]
    return letters[index % len(letters)] * (index // len(letters) + 1)


def empty_data(*, title: str = "", year: int | None = None) -> PlanData:
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


def plan_data(plan: Plan) -> PlanData:
    """The plan as data. Uses the plan's related managers; prefetch them for lists."""
    points = list(plan.points.all())
    targets = plan.targets.all()
    if "targets" not in getattr(plan, "_prefetched_objects_cache", {}):
        targets = targets.select_related("village")
    return PlanData(
        title=plan.title,
        year=plan.year,
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
        signer=Signer(
            authority=plan.signer_authority,
            deputy=plan.signer_deputy,
            title=plan.signer_title,
            name=plan.signer_name,
        ),
        legal_bases=[
            LegalBasis(
                verb=b.verb,
                doc_type=b.document.doc_type,
                number=b.document.number,
                symbol=b.document.symbol,
                issued_on=_iso(b.document.issued_on),
                date_style=b.document.date_style,
                issuer=b.document.issuer,
                summary=b.document.summary,
            )
            for b in plan.legal_bases.all()
        ],
        purposes=[p.text for p in points if p.kind == "purpose"],
        requirements=[p.text for p in points if p.kind == "requirement"],
        themes=[
            Theme(letter=t.letter, short_name=t.short_name, text=t.text) for t in plan.themes.all()
        ],
        channels=[
            ChannelItem(
                channel=c.channel,
                text=c.text,
                is_emphasised=c.is_emphasised,
                also_channels=list(c.also_channels or []),
            )
            for c in plan.channels.all()
        ],
        funding_sources=[
            FundingItem(kind=f.kind, name=f.name, planned_vnd=f.planned_vnd)
            for f in plan.funding_sources.all()
        ],
        assignments=[
            Assignment(
                unit_label=a.unit_label,
                intro=a.intro,
                is_standing=a.is_standing,
                org_unit_id=a.org_unit_id,
                duties=[d.text for d in a.duties.all()],
            )
            for a in plan.assignments.all()
        ],
        targets=[
            Target(
                description=t.description,
                metric=t.metric,
                channel=t.channel,
                activity_kind=t.activity_kind,
                target_value=t.target_value,
                unit=t.unit,
                period=t.period,
                per_village=t.per_village,
                village_id=t.village_id,
                village_name=str(t.village) if t.village_id else "",
                due_on=_iso(t.due_on),
            )
            for t in targets
        ],
        recipients=[Recipient(name=r.name, purpose=r.purpose) for r in plan.recipients.all()],
    )


def for_next_year(data: PlanData, year: int) -> PlanData:
    """A copy to start next year's plan: header and dates cleared, '2023' → '2024' in the
    title and the closing sentence, targets' deadlines dropped (they belong to last year)."""
    new = copy.deepcopy(data)
    old = str(data["year"])
    new["year"] = year
    new["title"] = new["title"].replace(f"năm {old}", f"năm {year}")
    new["closing"] = new["closing"].replace(f"năm {old}", f"năm {year}")
    new["preamble"] = new["preamble"].replace(f"năm {old}", f"năm {year}")
    new["number"] = ""
    new["issued_on"] = ""
    new["signer"]["name"] = ""
    for target in new["targets"]:
        target["due_on"] = ""
    return new
