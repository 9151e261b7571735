"""Writes to the administrative map: loading a province's communes from the official list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from loalang.core.audit import audit_log
from loalang.core.text import fold
from loalang.places.models import (
    RESERVED_SLUGS,
    SLUG_BASE_CHARS,
    Commune,
    CommuneMerger,
    District,
    Province,
)
from loalang.places.official import KIND_LABELS, official


@dataclass
class LoadResult:
    province: Province
    created: list[Commune] = field(default_factory=list)
    updated: list[Commune] = field(default_factory=list)
    mergers_added: int = 0


def _free_slug(base: str, province: Province, code: str) -> str:
    base = base[:SLUG_BASE_CHARS].strip("-") or "xa"
    for candidate in (base, f"{base}-{province.slug}", f"{base}-{code}"):
        if candidate in RESERVED_SLUGS or len(candidate) > 50:
            continue
        if not Commune.objects.filter(slug=candidate).exists():
            return candidate
    return f"{base}-{province.slug}-{code}"[:50]


def _district(province: Province, name: str, effective_on: Any) -> District | None:
    if not name:
        return None
    lowered = name[0].lower() + name[1:]  # "Huyện Bá Thước" → "huyện Bá Thước", as in documents
    district, _ = District.objects.get_or_create(
        province=province, name=lowered, defaults={"abolished_on": effective_on}
    )
    return district


def _former_record(province: Province, code: str, name: str, kind: str) -> Commune | None:
    """A commune Loa Làng already holds for a former unit: by official code, else by name."""
    by_code = Commune.objects.filter(code=code).first()
    if by_code is not None:
        return by_code
    return Commune.objects.filter(province=province, code="", kind=kind, name=name).first()


@transaction.atomic
def province_load_official(*, province_code: str, actor: Any) -> LoadResult:
    """Create or update the province and every commune of it on the official list.

    Idempotent: a second run changes nothing. A commune is matched by its official code, then
    (for records typed in before codes were known) by kind and name; names and kinds follow
    the official list. The former units merged into each come from the conversion table, one
    `CommuneMerger` per (former, new) pair, marked partial where the former unit was split.
    """
    data = official()
    off_province = data.provinces.get(str(province_code))
    if off_province is None:
        raise ValueError(f"Không có tỉnh, thành phố mã {province_code} trong danh mục chính thức.")
    province = Province.objects.filter(code=off_province.code).first()
    if province is None:
        province = Province.objects.create(
            code=off_province.code,
            name=off_province.short_name,
            slug=slugify(fold(off_province.short_name)),
        )
        audit_log(actor=actor, verb="province.created", target=province, commune=None)
    result = LoadResult(province=province)
    for off in data.communes_of(off_province.code):
        commune = (
            Commune.objects.filter(code=off.code).first()
            or Commune.objects.filter(
                province=province, code="", kind=off.kind, name=off.name
            ).first()
        )
        if commune is None:
            commune = Commune.objects.create(
                province=province,
                code=off.code,
                kind=off.kind,
                name=off.name,
                slug=_free_slug(slugify(fold(off.name)), province, off.code),
            )
            audit_log(actor=actor, verb="commune.created", target=commune, commune=commune)
            result.created.append(commune)
        elif (commune.code, commune.kind, commune.name, commune.province_id) != (
            off.code,
            off.kind,
            off.name,
            province.pk,
        ):
            before = {"code": commune.code, "kind": commune.kind, "name": commune.name}
            commune.code, commune.kind, commune.name = off.code, off.kind, off.name
            commune.province = province
            commune.save(update_fields=["code", "kind", "name", "province", "updated_at"])
            audit_log(
                actor=actor, verb="commune.updated", target=commune, commune=commune, before=before
            )
            result.updated.append(commune)
        if commune.successor_id is None:  # a unit merged inside Loa Làng: its history moved
            result.mergers_added += _load_formers(commune, province, data)
    return result


def _load_formers(commune: Commune, province: Province, data: Any) -> int:
    added = 0
    # The legal basis is left blank: the snapshot names no resolution, and we do not guess one.
    for former in data.formers_of.get(commune.code, ()):
        values = {
            "former_name": f"{KIND_LABELS[former.kind]} {former.name}",
            "former_district": _district(province, former.district_name, data.effective_on),
            "former_commune": _former_record(province, former.code, former.name, former.kind)
            if former.code != commune.code
            else None,
            "effective_on": data.effective_on,
            "is_partial": former.is_partial,
            "is_official": True,
        }
        same_code = CommuneMerger.objects.filter(commune=commune, former_code=former.code)
        row = (
            same_code.filter(is_official=True).first()
            or same_code.filter(effective_on=data.effective_on).first()  # typed in by hand
        )
        created = row is None
        if row is None:
            CommuneMerger.objects.create(commune=commune, former_code=former.code, **values)
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        added += int(created)
    return added
