"""An import result as the JSON object `manage.py import_plan --dry-run --format json`
prints (one object; keys documented in docs/dev.md and issue 13)."""

from __future__ import annotations

from typing import Any

from loalang.plans.data import LegalBasis
from loalang.plans.importer.body import ImportResult
from loalang.plans.importer.citations import full_reference, kind_and_summary


def legal_basis_json(basis: LegalBasis) -> dict[str, Any]:
    kind, summary = kind_and_summary(basis)
    return {
        "verb": basis.get("verb", ""),
        "number": full_reference(basis),
        "kind": kind,
        "issued_on": basis.get("issued_on") or None,
        "issuer": basis.get("issuer", ""),
        "summary": summary,
    }


def result_json(result: ImportResult) -> dict[str, Any]:
    data = result.data
    return {
        "issuer": data["issuer"],
        "number": result.number,
        "symbol": data["symbol"],
        "issued_on": data["issued_on"] or None,
        "place": data["place"],
        "type_name": data["type_name"],
        "title": data["title"],
        "year": data["year"],
        "legal_bases": [legal_basis_json(b) for b in data["legal_bases"]],
        "preamble": data["preamble"],
        "purposes": list(data["purposes"]),
        "requirements": list(data["requirements"]),
        "sections": list(result.sections),
        "themes": [{"letter": t["letter"], "text": t["text"]} for t in data["themes"]],
        "channels": [{"channel": c["channel"], "text": c["text"]} for c in data["channels"]],
        "assignments": [
            {
                "unit": a["unit_label"],
                "intro": a["intro"],
                "is_standing": a["is_standing"],
                "duties": list(a["duties"]),
            }
            for a in data["assignments"]
        ],
        "funding": {
            "text": data["funding_text"],
            "sources": [f["kind"] for f in data["funding_sources"]],
        },
        "recipients": [
            r["name"] + (f" ({r['purpose']})" if r["purpose"] else "") for r in data["recipients"]
        ],
        "signer": dict(data["signer"]),
        "closing": data["closing"],
        "warnings": list(result.warnings),
        "unplaced": list(result.unplaced),
    }
