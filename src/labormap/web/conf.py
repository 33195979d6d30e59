"""Reading the web app's configuration from the environment, with errors that say what to set.

Every setting the operator controls comes from an environment variable (12-factor style); this module
turns them into typed values and refuses bad ones at start-up instead of failing on the first request.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class UserError(RuntimeError):
    """A mistake the person running a command can fix (bad setting, wrong input, demo-only action).

    ``labormap web …`` commands print its message and exit 2; any other exception is a bug and keeps its
    traceback. Defined here, in a module without Django imports, so the CLI can catch it before Django is set up.
    """


class ConfigError(UserError):
    """A configuration value is missing or malformed; the message names the variable and the fix."""


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    v = raw.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no or on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [p.strip() for p in raw.split(",") if p.strip()]


def demo_mode() -> bool:
    return env_bool("LABORMAP_DEMO", False)


def data_dir() -> Path:
    """Folder for the default SQLite database and other local state (not created here)."""
    raw = os.environ.get("LABORMAP_DATA_DIR")
    return Path(raw).expanduser().resolve() if raw else (Path.cwd() / ".labormap").resolve()


def secret_key() -> str:
    key = os.environ.get("LABORMAP_SECRET_KEY", "")
    if key:
        if len(key) < 32 and not demo_mode():
            raise ConfigError("LABORMAP_SECRET_KEY must be at least 32 characters long")
        return key
    if demo_mode():
        # Demo only: a fixed key so that sessions survive restarts of `make demo`; never used in production.
        return "labormap-demo-only-secret-key-not-for-production-use-0123456789"
    raise ConfigError(
        "LABORMAP_SECRET_KEY is not set: set it to a long random string "
        "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set LABORMAP_DEMO=1 for the demo"
    )


def database() -> dict[str, Any]:
    """Django DATABASES['default'] from DATABASE_URL (PostgreSQL or SQLite); SQLite in the data dir by default."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir() / "labormap.sqlite3"),
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": _SQLITE_INIT},
        }
    scheme = urlparse(url).scheme
    if scheme in ("postgres", "postgresql", "pgsql"):
        import dj_database_url

        cfg: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        return cfg
    if scheme == "sqlite":
        path = unquote(urlparse(url).path)
        if url.startswith("sqlite:////"):
            name = path
        else:
            name = path.lstrip("/") or ":memory:"
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": _SQLITE_INIT},
        }
    raise ConfigError(
        f"DATABASE_URL scheme {scheme!r} is not supported: use postgres://user:pass@host:5432/db "
        "or sqlite:////absolute/path.sqlite3"
    )


def cache(namespace: str = "") -> dict[str, Any]:
    """Django ``CACHES['default']`` from ``LABORMAP_CACHE_URL``.

    Unset or empty: local memory, one cache per process (fine for one process; each gunicorn worker then
    computes the map counts and list counts once per publish on its own). ``redis://[:password@]host[:port]
    [/db]`` (or ``rediss://`` for TLS): one cache shared by every worker. What is cached is keyed by publish
    run, scope and filters (and language where the text depends on it), so sharing it across users is
    safe. A malformed value stops the start-up with a message rather than running without the cache.
    ``namespace`` (the database's name) goes into every key: publish run ids restart at 1 in every
    database, so two apps sharing one Redis (staging and production, a benchmark) must not read each
    other's entries.
    """
    raw = os.environ.get("LABORMAP_CACHE_URL", "").strip()
    if not raw or raw == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "labormap"}
    u = urlparse(raw)
    if u.scheme not in ("redis", "rediss"):
        raise ConfigError(
            f"LABORMAP_CACHE_URL scheme {u.scheme!r} is not supported: use redis://host:6379/0, "
            "rediss://… (TLS), or unset it for a per-process memory cache"
        )
    try:
        u.port  # noqa: B018  (urllib checks the port only when it is read: not a number, out of range)
    except ValueError:
        raise ConfigError(f"LABORMAP_CACHE_URL={raw!r}: the port is not a number from 1 to 65535") from None
    if not u.hostname:
        raise ConfigError(f"LABORMAP_CACHE_URL={raw!r}: no host (e.g. redis://127.0.0.1:6379/0)")
    db = u.path.strip("/")
    if db and not db.isdigit():
        raise ConfigError(
            f"LABORMAP_CACHE_URL={raw!r}: the database after the host must be a number, e.g. /0"
        )
    if u.query or u.fragment:
        raise ConfigError(f"LABORMAP_CACHE_URL={raw!r}: options after '?' or '#' are not supported")
    try:
        import redis  # noqa: F401  (Django's RedisCache imports it on first use; fail at start-up instead)
    except ImportError:  # pragma: no cover - pinned in pyproject
        raise ConfigError(
            "LABORMAP_CACHE_URL is a redis:// URL but the redis package is not installed"
        ) from None
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": raw,
        "KEY_PREFIX": f"labormap:{namespace}",
        # a stalled Redis slows a page by at most this much per call instead of hanging the worker
        "OPTIONS": {"socket_connect_timeout": 1.0, "socket_timeout": 1.0},
    }


# WAL lets gunicorn workers read while publish writes; synchronous=NORMAL is safe with WAL.
_SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"


def email() -> dict[str, object]:
    """E-mail backend: console in the demo, SMTP from LABORMAP_EMAIL_URL or LABORMAP_SMTP_* otherwise."""
    url = os.environ.get("LABORMAP_EMAIL_URL", "").strip()
    out: dict[str, object] = {
        "DEFAULT_FROM_EMAIL": os.environ.get("LABORMAP_EMAIL_FROM", "labormap@localhost"),
    }
    if url:
        u = urlparse(url)
        if u.scheme == "console":
            out["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
        elif u.scheme == "locmem":
            out["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        elif u.scheme in ("smtp", "smtps", "smtp+tls"):
            out.update(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST=u.hostname or "localhost",
                EMAIL_PORT=u.port or (465 if u.scheme == "smtps" else 587 if u.scheme == "smtp+tls" else 25),
                EMAIL_HOST_USER=unquote(u.username or ""),
                EMAIL_HOST_PASSWORD=unquote(u.password or ""),
                EMAIL_USE_SSL=u.scheme == "smtps",
                EMAIL_USE_TLS=u.scheme == "smtp+tls",
            )
        else:
            raise ConfigError(
                f"LABORMAP_EMAIL_URL scheme {u.scheme!r} is not supported: use smtp://, smtp+tls://, smtps://, "
                "console:// or locmem://"
            )
        return out
    host = os.environ.get("LABORMAP_SMTP_HOST", "").strip()
    if host:
        out.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=host,
            EMAIL_PORT=env_int("LABORMAP_SMTP_PORT", 587),
            EMAIL_HOST_USER=os.environ.get("LABORMAP_SMTP_USER", ""),
            EMAIL_HOST_PASSWORD=os.environ.get("LABORMAP_SMTP_PASSWORD", ""),
            EMAIL_USE_TLS=env_bool("LABORMAP_SMTP_TLS", True),
        )
        return out
    out["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    return out


def geojson_path() -> Path | None:
    raw = os.environ.get("LABORMAP_GEOJSON", "").strip()
    if not raw:
        return None
    p = Path(raw).expanduser().resolve()
    if not p.is_file():
        raise ConfigError(
            f"LABORMAP_GEOJSON={raw!r}: no such file (unset it to draw the tile-grid cartogram)"
        )
    return p


def warehouse_path() -> Path | None:
    """``LABORMAP_WAREHOUSE``, checked at start-up (not when the first report is asked for): when set it
    must be a readable warehouse folder. Unset is allowed (the pages read the database); the system check
    ``labormap.W001`` then says report downloads are off."""
    raw = os.environ.get("LABORMAP_WAREHOUSE", "").strip()
    if not raw:
        return None
    p = Path(raw).expanduser().resolve()
    if not p.is_dir():
        raise ConfigError(
            f"LABORMAP_WAREHOUSE={raw!r}: no such folder. Point it at the warehouse that "
            "`labormap ingest` writes (the folder with manifest.json), or unset it to run without reports."
        )
    if not os.access(p, os.R_OK | os.X_OK):
        raise ConfigError(f"LABORMAP_WAREHOUSE={raw!r}: the folder is not readable by this user")
    return p
