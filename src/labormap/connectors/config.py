"""The YAML configuration of connectors; an unknown or misspelt key is an error, never ignored.

::

    connectors:
      - name: moj_enforcement          # also the name of the cursor file
        registry: enforcement          # a registry of labormap.registries
        url: https://api.example.kz/v1/proceedings
        items: items                   # key of the list of rows in each page (dotted path allowed)
        paging: {style: page, page_param: page, size_param: per_page, size: 500}
        # or: {style: next, next: links.next}   (the page gives the next page's address)
        since: {param: updated_since, field: updated_at, initial: "2025-01-01"}
        fields: {proceeding_id: id}    # registry column <- source field (others: same name)
        auth: {kind: bearer, token_env: MOJ_TOKEN}
        # or {kind: basic, username_env: U, password_env: P} / {kind: header, header: X-Api-Key, value_env: K}
        retries: 3
        backoff: 0.5
        timeout: 30
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from labormap.registries import REGISTRIES


class ConfigError(ValueError):
    """The configuration cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Paging:
    style: str = "page"  # page | next | none
    page_param: str = "page"
    size_param: str = "per_page"
    size: int = 500
    first_page: int = 1
    next: str = "next"  # dotted path to the next page's URL (style: next)


@dataclass(frozen=True)
class Since:
    param: str  # query parameter the cursor is sent as
    field: str  # field of a row whose largest value becomes the next cursor
    initial: str | None = None


@dataclass(frozen=True)
class Auth:
    kind: str = "none"  # none | bearer | basic | header
    token_env: str | None = None
    username_env: str | None = None
    password_env: str | None = None
    header: str | None = None
    value_env: str | None = None


@dataclass(frozen=True)
class ConnectorConfig:
    name: str
    registry: str
    url: str
    items: str = "items"
    paging: Paging = field(default_factory=Paging)
    since: Since | None = None
    fields: dict[str, str] = field(default_factory=dict)
    auth: Auth = field(default_factory=Auth)
    params: dict[str, str] = field(default_factory=dict)
    retries: int = 3
    backoff: float = 0.5
    timeout: float = 30.0
    max_pages: int = 100_000


_TOP = {"connectors"}
_KEYS = {
    "name", "registry", "url", "items", "paging", "since", "fields", "auth", "params",
    "retries", "backoff", "timeout", "max_pages",
}  # fmt: skip
_PAGING = {"style", "page_param", "size_param", "size", "first_page", "next"}
_SINCE = {"param", "field", "initial"}
_AUTH = {"kind", "token_env", "username_env", "password_env", "header", "value_env"}


def _check_keys(where: str, data: Any, allowed: set[str], required: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )
    missing = sorted(required - set(data))
    if missing:
        raise ConfigError(f"{where}: missing key(s) {', '.join(missing)}")
    return data


def _one(i: int, raw: Any) -> ConnectorConfig:
    where = f"connectors[{i}]"
    d = _check_keys(where, raw, _KEYS, {"name", "registry", "url"})
    where = f"connector {d['name']!r}"
    if d["registry"] not in REGISTRIES:
        raise ConfigError(f"{where}: unknown registry {d['registry']!r} (one of {', '.join(REGISTRIES)})")
    if not str(d["url"]).startswith(("http://", "https://")):
        raise ConfigError(f"{where}: url must start with http:// or https://")
    paging = Paging(**_check_keys(f"{where}.paging", d.get("paging", {}), _PAGING))
    if paging.style not in ("page", "next", "none"):
        raise ConfigError(f"{where}.paging.style must be page, next or none, not {paging.style!r}")
    since = (
        Since(**_check_keys(f"{where}.since", d["since"], _SINCE, {"param", "field"}))
        if "since" in d
        else None
    )
    auth = Auth(**_check_keys(f"{where}.auth", d.get("auth", {}), _AUTH))
    need = {
        "none": (),
        "bearer": ("token_env",),
        "basic": ("username_env", "password_env"),
        "header": ("header", "value_env"),
    }
    if auth.kind not in need:
        raise ConfigError(f"{where}.auth.kind must be one of {', '.join(need)}, not {auth.kind!r}")
    for k in need[auth.kind]:
        if not getattr(auth, k):
            raise ConfigError(f"{where}.auth: {auth.kind} needs {k}")
    fields = _check_keys(f"{where}.fields", d.get("fields", {}), set(REGISTRIES[d["registry"]].column_names))
    params = d.get("params", {})
    if not isinstance(params, dict):
        raise ConfigError(f"{where}.params: expected a mapping")
    try:
        retries, backoff, timeout = (
            int(d.get("retries", 3)),
            float(d.get("backoff", 0.5)),
            float(d.get("timeout", 30)),
        )
        max_pages = int(d.get("max_pages", 100_000))
    except (TypeError, ValueError) as e:
        raise ConfigError(f"{where}: retries, backoff, timeout and max_pages must be numbers") from e
    return ConnectorConfig(
        name=str(d["name"]),
        registry=str(d["registry"]),
        url=str(d["url"]),
        items=str(d.get("items", "items")),
        paging=paging,
        since=since,
        fields={str(k): str(v) for k, v in fields.items()},
        auth=auth,
        params={str(k): str(v) for k, v in params.items()},
        retries=retries,
        backoff=backoff,
        timeout=timeout,
        max_pages=max_pages,
    )


def parse_config(data: Any) -> list[ConnectorConfig]:
    top = _check_keys("configuration", data, _TOP, {"connectors"})
    items = top["connectors"]
    if not isinstance(items, list) or not items:
        raise ConfigError("configuration: connectors must be a non-empty list")
    out = [_one(i, raw) for i, raw in enumerate(items)]
    names = [c.name for c in out]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ConfigError(f"configuration: connector names repeat: {', '.join(dup)}")
    return out


def load_config(path: Path | str) -> list[ConnectorConfig]:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"no configuration file {p}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{p}: not valid YAML: {e}") from e
    return parse_config(data)
