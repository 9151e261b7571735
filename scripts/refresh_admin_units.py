"""Rebuild loalang/places/data/admin_units_2025.json.gz from the `vietnam-provinces` package.

Loa Làng does not import `vietnam-provinces` at run time (ADR 0120): the package needs
Python ≥ 3.12 and Loa Làng supports 3.11, and the list changes only when the government
reorganises units. A maintainer refreshes the snapshot on purpose:

    python -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==2026.9.0
    /tmp/vp/bin/python scripts/refresh_admin_units.py

(`PYTHONPATH=<unpacked wheel> python3 scripts/refresh_admin_units.py` also works on 3.11:
the package imports fine there; only its declared Requires-Python refuses to install.)
The data are the General Statistics Office's codes; the package is GPL-3.0-or-later, which
may be combined with Loa Làng's AGPL-3.0-or-later (GPLv3 section 13).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import vietnam_provinces as vp
from vietnam_provinces import Province, Ward
from vietnam_provinces import _ward_conversion_2025 as conversion
from vietnam_provinces.legacy import _lookup as legacy

OUT = Path(__file__).resolve().parent.parent / "loalang/places/data/admin_units_2025.json.gz"
KINDS = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu", "thị trấn": "thi_tran"}


def _strip_kind(name: str, kind: str) -> str:
    prefix = kind[0].upper() + kind[1:] + " "
    return name[len(prefix) :] if name.startswith(prefix) else name


def main() -> None:
    wards = list(Ward.iter_all())
    former_codes = {e.old_ward.code for e in conversion.OLD_TO_NEW.values()}
    former = [legacy.WARD_MAPPING[c] for c in sorted(former_codes) if c in legacy.WARD_MAPPING]
    district_codes = {int(w.district_code) for w in former}
    data = {
        "source": {
            "package": "vietnam-provinces",
            "version": vp.__version__,
            "data_version": vp.__data_version__,
            "conversion": conversion.SOURCE,
            "effective_on": conversion.EFFECTIVE_DATE,
            "license": "GPL-3.0-or-later",
        },
        "provinces": [[int(p.code), p.name] for p in Province.iter_all()],
        "communes": [
            [
                int(w.code),
                _strip_kind(w.name, str(w.division_type)),
                KINDS[str(w.division_type)],
                int(w.province_code),
            ]
            for w in wards
        ],
        "former_districts": {
            str(c): legacy.DISTRICT_MAPPING[c].name for c in sorted(district_codes)
        },
        "former": [
            [
                int(w.code),
                _strip_kind(w.name, str(w.division_type)),
                KINDS[str(w.division_type)],
                int(w.district_code),
            ]
            for w in former
        ],
        "links": [
            [e.old_ward.code, n.code, int(e.old_ward.is_partly_merged)]
            for e in conversion.OLD_TO_NEW.values()
            for n in e.new_wards
        ],
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(raw, mtime=0))
    print(
        f"{OUT}: {len(data['communes'])} communes, {len(data['former'])} former, "
        f"{len(data['links'])} links"
    )


if __name__ == "__main__":
    main()
