from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.core.models import BaseModel

# A DNS name, lower case, at least two labels, no port: "aithuong.thanhhoa.gov.vn".
HOST_RE = r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"


class CommuneHost(BaseModel):
    """A host name that serves one commune's public portal at its root (ADR 0121).

    The host must also be allowed by the deployment (ALLOWED_HOSTS, e.g. ".thanhhoa.gov.vn");
    Loa Làng never builds an absolute URL from a Host header it does not find here.
    """

    host = models.CharField(
        _("tên miền"),
        max_length=253,
        unique=True,
        error_messages={"unique": _("Tên miền này đã được gán cho một xã, phường.")},
        validators=[
            RegexValidator(HOST_RE, _("Tên miền không hợp lệ (ví dụ: aithuong.thanhhoa.gov.vn)."))
        ],
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("xã, phường"),
        on_delete=models.CASCADE,
        related_name="hosts",
    )
    is_primary = models.BooleanField(
        _("địa chỉ chính"),
        default=True,
        help_text=_("Địa chỉ dùng trong liên kết chuẩn (canonical), sơ đồ trang và bản tin RSS."),
    )

    class Meta:
        verbose_name = _("tên miền cổng thông tin xã")
        verbose_name_plural = _("tên miền cổng thông tin xã")
        ordering = ["host"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune"],
                condition=models.Q(is_primary=True),
                name="uniq_primary_host_per_commune",
            )
        ]

    def __str__(self) -> str:
        return self.host

    def clean(self) -> None:
        self.host = (self.host or "").strip().lower().rstrip(".")
        if ":" in self.host or "/" in self.host:
            raise ValidationError({"host": _("Chỉ nhập tên miền, không kèm http:// hay cổng.")})
        if not self.host.isascii():  # "áithượng.thanhhoa.gov.vn" → its xn-- form, as DNS has it
            try:
                self.host = self.host.encode("idna").decode("ascii")
            except UnicodeError:
                raise ValidationError(
                    {"host": _("Tên miền không hợp lệ (ví dụ: aithuong.thanhhoa.gov.vn).")}
                ) from None
        for label in self.host.split("."):
            if label.startswith("xn--"):  # an internationalised label must decode
                try:
                    label.encode("ascii").decode("idna")
                except UnicodeError:
                    raise ValidationError(
                        {
                            "host": _("Tên miền quốc tế hoá (xn--…) không hợp lệ: %(l)s")
                            % {"l": label}
                        }
                    ) from None
