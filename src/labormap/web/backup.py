"""``labormap backup`` / ``labormap restore``: the app database and the warehouse's manifest and daily-run files.

The database is copied by its own tools, so a backup restores the schema *as it was*: SQLite through its
online backup API (a consistent copy while the app runs), PostgreSQL through ``pg_dump -Fc`` /
``pg_restore``. Restoring an older backup therefore gives an older schema, and the upgrade path is the
ordinary one: ``labormap web migrate`` (run by ``restore`` unless ``--no-migrate``). ``dumpdata`` was not
chosen: it loads rows through today's models, so it cannot restore an older schema faithfully.

The warehouse itself (Parquet partitions) is large and rebuilt from registry drops; what cannot be rebuilt
is its manifest (which drops were ingested, with their hashes) and the daily cycle's run records, so those
are backed up. A ``backup.json`` lists every file with its SHA-256 and the applied migrations; ``restore``
checks the hashes before touching anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from labormap.web.conf import UserError

FORMAT = 1
META = "backup.json"
SQLITE_FILE = "app.sqlite3"
PG_FILE = "app.pgdump"
WH_DIR = "warehouse"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _db() -> dict[str, Any]:
    from django.db import connection

    return dict(connection.settings_dict)


def _is_pg(db: dict[str, Any]) -> bool:
    return "postgresql" in str(db["ENGINE"])


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password only through the environment."""
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    if shutil.which(cmd[0]) is None:
        raise UserError(
            f"{cmd[0]} is not installed: install the PostgreSQL client tools of the server's version"
        )
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if r.returncode != 0:
        raise UserError(f"{cmd[0]} failed: {(r.stderr or r.stdout).strip()[-500:]}")


def applied_migrations() -> dict[str, str]:
    """The last applied migration of every app (what the backup's schema is)."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    last: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        last[app] = max(last.get(app, ""), name)
    return last


def backup(out: Path, warehouse: Path | None = None) -> dict[str, Any]:
    """Write a backup into ``out`` (created; must be empty). Returns the metadata written to backup.json."""
    from django.db import connections

    out = out.resolve()
    if out.exists() and any(out.iterdir()):
        raise UserError(f"{out} is not empty: choose a new folder for the backup")
    out.mkdir(parents=True, exist_ok=True)
    db = _db()
    if _is_pg(db):
        args, env = _pg_env(db)
        _run(
            ["pg_dump", "-Fc", "--no-owner", "--no-privileges", *args, "-f", str(out / PG_FILE), db["NAME"]],
            env,
        )
        engine = "postgresql"
    else:
        name = str(db["NAME"])
        if name == ":memory:" or not Path(name).exists():
            raise UserError(f"no SQLite database at {name}: run `labormap web migrate` first")
        connections.close_all()
        src = sqlite3.connect(name)
        dst = sqlite3.connect(out / SQLITE_FILE)
        try:
            src.backup(dst)  # consistent even while the app writes
        finally:
            dst.close()
            src.close()
        engine = "sqlite"
    if warehouse is not None:
        _copy_warehouse_state(warehouse, out / WH_DIR)
    files = sorted(p for p in out.rglob("*") if p.is_file())
    meta: dict[str, Any] = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "migrations": applied_migrations(),
        "warehouse": str(warehouse.resolve()) if warehouse is not None else None,
        "files": {p.relative_to(out).as_posix(): _sha256(p) for p in files},
    }
    (out / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def _copy_warehouse_state(wh: Path, dest: Path) -> None:
    from labormap.warehouse.store import MANIFEST

    if not (wh / MANIFEST).is_file():
        raise UserError(f"{wh} is not a warehouse (no {MANIFEST})")
    dest.mkdir(parents=True)
    shutil.copy2(wh / MANIFEST, dest / MANIFEST)
    runs = wh / "ops" / "daily"
    if runs.is_dir():
        # run records and state only; the daily notes are regenerated and can be large
        shutil.copytree(runs, dest / "ops" / "daily", ignore=shutil.ignore_patterns("notes", "*.lock"))


def read_meta(folder: Path) -> dict[str, Any]:
    """backup.json after checking every file's hash."""
    path = folder / META
    if not path.is_file():
        raise UserError(f"{folder} is not a LaborMap backup (no {META})")
    meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise UserError(f"backup format {meta.get('format')!r} is not supported (expected {FORMAT})")
    for rel, digest in meta["files"].items():
        f = folder / rel
        if not f.is_file() or _sha256(f) != digest:
            raise UserError(f"backup file {rel} is missing or damaged (SHA-256 differs)")
    return meta


def _has_tables(db: dict[str, Any]) -> bool:
    from django.db import connection

    return bool(connection.introspection.table_names())


def restore(
    folder: Path, warehouse: Path | None = None, *, force: bool = False, migrate: bool = True
) -> dict[str, Any]:
    """Restore the database (and, with ``warehouse``, its manifest and run files); then migrate."""
    from django.db import connections

    folder = folder.resolve()
    meta = read_meta(folder)
    db = _db()
    if meta["engine"] != ("postgresql" if _is_pg(db) else "sqlite"):
        raise UserError(
            f"the backup is of a {meta['engine']} database but DATABASE_URL points to "
            f"{'PostgreSQL' if _is_pg(db) else 'SQLite'}"
        )
    if _has_tables(db) and not force:
        raise UserError("the app database is not empty: pass --force to replace it with the backup")
    if warehouse is not None and meta["warehouse"] is not None:
        from labormap.warehouse.store import MANIFEST

        if (warehouse / MANIFEST).exists() and not force:
            raise UserError(f"{warehouse} already has a manifest: pass --force to replace it")
    if _is_pg(db):
        if force:
            # replace, not merge: tables added by later migrations would otherwise stay (and pg_restore's
            # --clean cannot drop objects that newer tables depend on)
            from django.db import connection

            with connection.cursor() as cur:
                cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connections.close_all()
        args, env = _pg_env(db)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "-d",
                db["NAME"],
                str(folder / PG_FILE),
            ],
            env,
        )
    else:
        connections.close_all()
        target = Path(str(db["NAME"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(folder / SQLITE_FILE)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # replaces the whole target database
        finally:
            dst.close()
            src.close()
    restored_wh = False
    if warehouse is not None and (folder / WH_DIR).is_dir():
        warehouse.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder / WH_DIR, warehouse, dirs_exist_ok=True)
        restored_wh = True
    applied: list[str] = []
    if migrate:
        before = applied_migrations()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        after = applied_migrations()
        applied = [f"{a}.{n}" for a, n in sorted(after.items()) if before.get(a) != n]
    return {
        "engine": meta["engine"],
        "created_at": meta["created_at"],
        "warehouse": restored_wh,
        "upgraded": applied,
    }
