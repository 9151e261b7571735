"""Writes of the documents app: handing out official-document numbers."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from loalang.documents.models import NumberCounter


def number_next(*, commune: Any, symbol: str, year: int, using: str = "default") -> int:
    """The next number for (commune, symbol, year), starting at 1. Never the same twice.

    Must run inside the caller's transaction (the number is used if and only if that
    transaction commits). PostgreSQL: the counter row is locked with SELECT … FOR UPDATE, so a
    second caller waits until the first commits. SQLite: transactions start IMMEDIATE (see
    settings), so writers are serialised by the database lock.
    """
    if not transaction.get_connection(using).in_atomic_block:
        raise RuntimeError("number_next must run inside transaction.atomic()")
    counters = NumberCounter.objects.using(using)
    counter = counters.select_for_update().filter(commune=commune, symbol=symbol, year=year).first()
    if counter is None:
        try:
            with transaction.atomic(using=using):
                counter = counters.create(commune=commune, symbol=symbol, year=year)
        except IntegrityError:
            # Someone created the counter between our read and our insert.
            pass
        counter = counters.select_for_update().get(commune=commune, symbol=symbol, year=year)
    counter.last_number += 1
    counter.save(using=using, update_fields=["last_number", "updated_at"])
    return counter.last_number


def issue_number(
    *,
    commune: Any,
    symbol: str,
    year: int,
    number: str | int | None,
    exclude: Any = None,
    own_counter: Any = None,
) -> int:
    """The number a document is issued with, inside the issuing transaction.

    A commune that numbers its documents in the committee's register (often the province's
    document-management system; `Commune.numbers_from_register`) must give the number the
    clerk took there; it is refused if Loa Làng already holds a document of this commune with
    that number, symbol and year (the message names that document). Otherwise Loa Làng's own
    counter hands out the next one (`own_counter(commune=, symbol=, year=)`, default
    `number_next`); a number typed in then is refused, so the two registers never mix.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from loalang.documents.selectors import number_holder

    given = str(number).strip() if number not in (None, "") else ""
    if not getattr(commune, "numbers_from_register", False):
        if given:
            raise ValidationError(
                {"number": _("Xã dùng bộ đếm số của Loa Làng: số được cấp tự động, không nhập.")}
            )
        return (own_counter or number_next)(commune=commune, symbol=symbol, year=year)
    if not given:
        raise ValidationError(
            {"number": _("Nhập số văn bản lấy từ sổ đăng ký văn bản của Ủy ban.")}
        )
    if not given.isdigit() or int(given) == 0 or len(given) > 6:
        raise ValidationError({"number": _("Số văn bản chỉ gồm chữ số, ví dụ: 07.")})
    value = int(given)
    holder = number_holder(commune=commune, symbol=symbol, year=year, number=value, exclude=exclude)
    if holder is not None:
        raise ValidationError(
            {
                "number": _(
                    "Số %(number)s/%(symbol)s năm %(year)s đã dùng cho %(doc)s. Kiểm tra lại "
                    "sổ đăng ký văn bản."
                )
                % {"number": f"{value:02d}", "symbol": symbol, "year": year, "doc": holder.label}
            }
        )
    return value
