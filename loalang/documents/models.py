"""Official-document numbering: one counter per commune, symbol and year (Decree 30/2020
Art. 15: numbers run from 01 on 1 January to 31 December, per issuing body and document type).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel


class NumberCounter(BaseModel):
    """The last number handed out for `symbol` in `year` by `commune`.

    Changed only through `documents.services.number_next`, which locks the row, so two people
    issuing at the same moment never get the same number. An office that already issued
    paper documents this year sets `last_number` once (admin) so the sequence continues.
    """

    commune = models.ForeignKey(
        "places.Commune", on_delete=models.CASCADE, related_name="number_counters"
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "symbol", "year"], name="uniq_number_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.year}: {self.last_number}"
