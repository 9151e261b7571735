"""Document numbers: next per (commune, symbol, year), never the same twice — also when two
transactions ask at the same moment (threads with their own connections)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from loalang.documents.models import NumberCounter
from loalang.documents.services import number_next


@pytest.mark.django_db
def test_numbers_run_per_symbol_and_year(commune, other_commune):
    with transaction.atomic():
        got = [
            number_next(commune=commune, symbol="KH-UBND", year=2024),
            number_next(commune=commune, symbol="KH-UBND", year=2024),
            number_next(commune=commune, symbol="BC-UBND", year=2024),
            number_next(commune=commune, symbol="KH-UBND", year=2025),
            number_next(commune=other_commune, symbol="KH-UBND", year=2024),
        ]
    assert got == [1, 2, 1, 1, 1]


@pytest.mark.django_db
def test_counter_continues_from_paper_register(commune):
    NumberCounter.objects.create(commune=commune, symbol="KH-UBND", year=2024, last_number=41)
    with transaction.atomic():
        assert number_next(commune=commune, symbol="KH-UBND", year=2024) == 42


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused(commune):
    with pytest.raises(RuntimeError):
        number_next(commune=commune, symbol="KH-UBND", year=2024)


def _race(alias: str, commune, n: int = 2) -> list[int]:  # type: ignore[no-untyped-def]
    """n threads ask for a number at once; each holds its transaction open a moment so the
    requests overlap."""
    barrier = threading.Barrier(n)
    got: list[int] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic(using=alias):
                number = number_next(commune=commune, symbol="KH-UBND", year=2024, using=alias)
                time.sleep(0.2)
            got.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=ask) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    return sorted(got)


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_on_the_test_database(commune):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite: covered by test_concurrent_requests_on_sqlite_file")
    assert _race("default", commune, n=3) == [1, 2, 3]


def test_concurrent_requests_on_sqlite_file(tmp_path, django_db_blocker):
    """The same race on a file SQLite database (the way production SQLite runs)."""
    from django.db import connections as conns

    from loalang.places.models import Commune, District, Province

    alias = "numbering_race"
    base = conns.settings.get("default")
    conns.settings[alias] = {
        **base,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "race.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        "CONN_MAX_AGE": 0,
        "TEST": {},
    }
    try:
        with django_db_blocker.unblock():
            with conns[alias].schema_editor() as editor:
                for model in (Province, District, Commune, NumberCounter):
                    editor.create_model(model)
            province = Province.objects.using(alias).create(name="Tỉnh", slug="tinh", code="1")
            commune = Commune.objects.using(alias).create(province=province, name="Xã", slug="xa")
            conns[alias].close()
            assert _race(alias, commune, n=3) == [1, 2, 3]
    finally:
        conns[alias].close()
        del conns.settings[alias]
