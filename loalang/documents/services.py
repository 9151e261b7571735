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
