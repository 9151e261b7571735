"""`INSERT … SELECT` from a grouped queryset: derived rows written by the database alone.

Summaries (coverage cells, report facts) are grouped counts of the activity tables. Reading the
groups into Python and writing them back with `bulk_create` moves every row twice over the
connection; for a whole country (7 million activities, millions of summary rows) that took hours.
`insert_from` hands the database one statement instead: the queryset's SQL, as Django compiles
it for the backend in use (SQLite or PostgreSQL), wrapped in `INSERT INTO table (…) SELECT …`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet


def insert_from(
    model: type[Model],
    queryset: QuerySet[Any, Any],
    columns: Mapping[str, str],
    *,
    constants: Mapping[str, Any] | None = None,
    as_text: Iterable[str] = (),
) -> int:
    """Insert one `model` row per row of `queryset`; return how many.

    `columns` maps a field of `model` to the name of a column the queryset selects (give the
    queryset names with `.values(name=F(...))` and `.annotate(name=...)`); `constants` gives
    the same value to a field on every row. Fields named in `as_text` are stored as text, with
    NULL as "". Every other concrete field (but an automatic primary key) takes its default, so
    a field that has none must be named. The queryset's ordering is dropped.
    """
    constants = dict(constants or {})
    text = set(as_text)
    meta = model._meta
    db = router.db_for_write(model)
    qn = connections[db].ops.quote_name
    unknown = set(columns) | set(constants)
    unknown -= {f.name for f in meta.concrete_fields} | {f.attname for f in meta.concrete_fields}
    if unknown:
        raise ValueError(f"{meta.label} has no field {sorted(unknown)}")
    targets: list[str] = []
    select: list[str] = []
    params: list[Any] = []
    for field in meta.concrete_fields:
        if field.primary_key and field.get_internal_type() in {
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        }:
            continue
        if field.name in columns or field.attname in columns:
            alias = columns.get(field.name) or columns[field.attname]
            expr = f"sub.{qn(alias)}"
            if field.name in text:
                expr = f"COALESCE(CAST({expr} AS varchar({field.max_length or 255})), '')"
        else:
            value = constants[field.name] if field.name in constants else field.get_default()
            if value is None and not field.null:
                raise ValueError(f"{meta.label}.{field.name} needs a column or a constant")
            expr = "%s"
            params.append(field.get_db_prep_save(value, connections[db]))
        targets.append(qn(field.column or field.attname))
        select.append(expr)
    sql, sub_params = queryset.order_by().query.sql_with_params()
    statement = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(targets)})"  # noqa: S608 - model names
        f" SELECT {', '.join(select)} FROM ({sql}) sub"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(statement, [*params, *sub_params])
        return cursor.rowcount
