"""The official list of administrative units after 01/07/2025, and where the former ones went.

Read from `data/admin_units_2025.json.gz`, a snapshot of the `vietnam-provinces` package
(General Statistics Office codes; conversion table "BangChuyendoiĐVHCmoi_cu"). Refreshed on
purpose with scripts/refresh_admin_units.py; see ADR 0120 for why it is a snapshot and not a
run-time dependency. Pure reads, no database.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "admin_units_2025.json.gz"
KIND_LABELS = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu", "thi_tran": "thị trấn"}
# Where the snapshot is wrong and the law is plain: Resolution 202/2025/QH15 left six
# centrally-run cities (Hà Nội, Hải Phòng, Huế, Đà Nẵng, Cần Thơ, Hồ Chí Minh); the package
# calls three provinces "Thành phố" (ADR 0120).
PROVINCE_NAME_FIXES = {
    "22": "Tỉnh Quảng Ninh",
    "24": "Tỉnh Bắc Ninh",
    "75": "Tỉnh Đồng Nai",
}


@dataclass(frozen=True)
class OfficialProvince:
    code: str
    name: str  # "Tỉnh Thanh Hóa"

    @property
    def short_name(self) -> str:
        """'Thanh Hóa' — the name Loa Làng shows (Province.name)."""
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass(frozen=True)
class OfficialCommune:
    code: str
    name: str  # without the kind: "Điền Lư"
    kind: str  # Commune.Kind value
    province_code: str

    @property
    def full_name(self) -> str:
        return f"{KIND_LABELS[self.kind]} {self.name}"


@dataclass(frozen=True)
class FormerUnit:
    code: str
    name: str
    kind: str
    district_name: str  # "Huyện Bá Thước"
    is_partial: bool  # only part of it went into the new unit

    @property
    def full_name(self) -> str:
        return f"{KIND_LABELS[self.kind]} {self.name}"


@dataclass(frozen=True)
class OfficialData:
    source: dict[str, str]
    effective_on: dt.date
    provinces: dict[str, OfficialProvince]
    communes: dict[str, OfficialCommune]
    formers_of: dict[str, tuple[FormerUnit, ...]]  # new code → former units
    successors_of: dict[str, tuple[str, ...]]  # former code → new codes

    def communes_of(self, province_code: str) -> list[OfficialCommune]:
        return sorted(
            (c for c in self.communes.values() if c.province_code == province_code),
            key=lambda c: int(c.code),
        )


@functools.cache
def official() -> OfficialData:
    raw = json.loads(gzip.decompress(DATA.read_bytes()))
    districts: dict[str, str] = raw["former_districts"]
    former = {str(r[0]): (r[1], r[2], districts.get(str(r[3]), "")) for r in raw["former"]}
    formers_of: dict[str, list[FormerUnit]] = {}
    successors_of: dict[str, list[str]] = {}
    for old, new, partial in raw["links"]:
        old_code, new_code = str(old), str(new)
        successors_of.setdefault(old_code, []).append(new_code)
        if old_code not in former:  # 10 former codes the package's legacy list lacks
            continue
        name, kind, district = former[old_code]
        formers_of.setdefault(new_code, []).append(
            FormerUnit(old_code, name, kind, district, bool(partial))
        )
    return OfficialData(
        source=raw["source"],
        effective_on=dt.date.fromisoformat(raw["source"]["effective_on"]),
        provinces={
            str(c): OfficialProvince(str(c), PROVINCE_NAME_FIXES.get(str(c), n))
            for c, n in raw["provinces"]
        },
        communes={
            str(r[0]): OfficialCommune(str(r[0]), r[1], r[2], str(r[3])) for r in raw["communes"]
        },
        formers_of={k: tuple(v) for k, v in formers_of.items()},
        successors_of={k: tuple(v) for k, v in successors_of.items()},
    )
