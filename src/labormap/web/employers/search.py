"""Search by name: a trigram full-text index on SQLite (FTS5), a plain substring scan elsewhere.

A substring scan of 400k wide employer rows takes over a second on SQLite; the trigram index answers
the same ``contains`` question from a few posting lists. PostgreSQL scans the narrow ``search`` column
in parallel, which is fast enough without an extension.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "employers_search"


def create_search_table(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(bin UNINDEXED, text, "
            "tokenize = 'trigram')"
        )


# PostgreSQL sorts DESC with NULLs first; the lists want the unscored last, so the indexes say so too.
PG_INDEXES = {
    "emp_pg_score_nl": "(score DESC NULLS LAST, bin)",
    "emp_pg_region_score_nl": "(region, score DESC NULLS LAST, bin)",
    "emp_pg_level_score_nl": "(level, score DESC NULLS LAST, bin)",
}


def create_pg_indexes(apps: Any, schema_editor: Any) -> None:
    """Score-order indexes for PostgreSQL, and a trigram index for search when ``pg_trgm`` can be had."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    for name, cols in PG_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON employers_employer {cols}")
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(using=conn.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:  # not allowed to create extensions: search falls back to a parallel scan
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS emp_pg_search_trgm ON employers_employer USING gin (search gin_trgm_ops)"
    )


def drop_pg_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*PG_INDEXES, "emp_pg_search_trgm"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop_search_table(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild() -> None:
    """Refill the index from the employers' ``search`` column (inside the publish transaction)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {TABLE}")
        cur.execute(f"INSERT INTO {TABLE} (bin, text) SELECT bin, search FROM employers_employer")


def contains(needle: str) -> Q:
    """Employers whose lower-cased name, Kazakh name or BIN contains ``needle`` (already lower-cased)."""
    if connection.vendor == "sqlite" and len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        # TABLE is a constant and the phrase a bound parameter
        return Q(bin__in=RawSQL(f"SELECT bin FROM {TABLE} WHERE {TABLE} MATCH %s", (phrase,)))  # noqa: S611
    return Q(search__contains=needle)
