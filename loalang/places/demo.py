"""The demo's place in the official list: Ái Thượng is unit 14944 of the former Bá Thước district.

The demo data describe 2023, when Ái Thượng was a commune. The official conversion table says
it was merged, whole, into xã Điền Lư (14950) on 01/07/2025 together with xã Điền Trung and
the former xã Điền Lư; the places page shows that from the table (places.selectors), and the
demo does not pretend otherwise or invent a merge record of its own.
"""

from __future__ import annotations

from loalang.places.models import Commune

AI_THUONG_CODE = "14944"


def load(commune: Commune) -> None:
    if commune.code != AI_THUONG_CODE and commune.slug == "ai-thuong":
        commune.code = AI_THUONG_CODE
        commune.save(update_fields=["code", "updated_at"])
