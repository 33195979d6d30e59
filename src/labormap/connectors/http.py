"""The HTTP/JSON connector: GET pages with a since-cursor, credentials from the environment, retries."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from labormap.connectors.base import Connector, ConnectorError, Page
from labormap.connectors.config import ConnectorConfig
from labormap.registries import REGISTRIES

# Statuses worth another try: throttling and the server's own temporary failures.
RETRY_STATUSES = (429, 500, 502, 503, 504)


def _path(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return _MISSING
        data = data[part]
    return data


_MISSING = object()


def session_for(cfg: ConnectorConfig) -> requests.Session:
    """A session that retries GETs on connection errors and on 429/5xx, with exponential backoff
    (and the server's Retry-After when it sends one)."""
    retry = Retry(
        total=cfg.retries,
        connect=cfg.retries,
        read=cfg.retries,
        status=cfg.retries,
        backoff_factor=cfg.backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    s = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


class HttpJsonConnector(Connector):
    def __init__(
        self,
        cfg: ConnectorConfig,
        env: Mapping[str, str] | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.registry = cfg.registry
        self.env = os.environ if env is None else env
        self.session = session or session_for(cfg)
        self.columns = REGISTRIES[cfg.registry].column_names

    # --- credentials ---------------------------------------------------------------------------------
    def _secret(self, var: str | None) -> str:
        assert var is not None
        value = self.env.get(var)
        if not value:
            raise ConnectorError(
                f"{self.name}: environment variable {var} is not set (credentials are never in the config)"
            )
        return value

    def _auth(self) -> tuple[dict[str, str], tuple[str, str] | None]:
        a = self.cfg.auth
        if a.kind == "bearer":
            return {"Authorization": f"Bearer {self._secret(a.token_env)}"}, None
        if a.kind == "basic":
            return {}, (self._secret(a.username_env), self._secret(a.password_env))
        if a.kind == "header":
            assert a.header is not None
            return {a.header: self._secret(a.value_env)}, None
        return {}, None

    # --- pages ---------------------------------------------------------------------------------------
    def initial_cursor(self) -> str | None:
        return self.cfg.since.initial if self.cfg.since else None

    def _get(self, url: str, params: dict[str, str], number: int) -> Any:
        headers, auth = self._auth()
        headers["Accept"] = "application/json"
        where = f"{self.name}: page {number} ({url})"
        try:
            resp = self.session.get(url, params=params, headers=headers, auth=auth, timeout=self.cfg.timeout)
        except requests.RequestException as e:
            raise ConnectorError(f"{where}: request failed after {self.cfg.retries} retries: {e}") from e
        if resp.status_code != 200:
            raise ConnectorError(f"{where}: HTTP {resp.status_code} after {self.cfg.retries} retries")
        try:
            return resp.json()
        except ValueError as e:
            raise ConnectorError(f"{where}: broken page, not JSON ({resp.text[:80]!r})") from e

    def _rows(self, data: Any, number: int, url: str) -> list[dict[str, Any]]:
        where = f"{self.name}: page {number} ({url})"
        items = _path(data, self.cfg.items)
        if items is _MISSING:
            raise ConnectorError(f"{where}: broken page, no {self.cfg.items!r} in it")
        if not isinstance(items, list):
            raise ConnectorError(f"{where}: broken page, {self.cfg.items!r} is not a list")
        rows = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ConnectorError(f"{where}: broken page, row {i + 1} is not an object")
            rows.append(self._map(item))
        return rows

    def _map(self, item: dict[str, Any]) -> dict[str, Any]:
        """Registry columns from a source row (renamed per ``fields``); the cursor field is kept aside."""
        out = {c: item.get(self.cfg.fields.get(c, c)) for c in self.columns}
        if self.cfg.since:
            out["_cursor"] = item.get(self.cfg.since.field)
        return out

    def pages(self, since: str | None) -> Iterator[Page]:
        cfg, p = self.cfg, self.cfg.paging
        params = dict(cfg.params)
        if cfg.since and since:
            params[cfg.since.param] = since
        url: str | None = cfg.url
        number = p.first_page
        for count in range(1, cfg.max_pages + 1):
            assert url is not None
            q = dict(params)
            if p.style == "page":
                q[p.page_param], q[p.size_param] = str(number), str(p.size)
            data = self._get(url, q, count)
            rows = self._rows(data, count, url)
            yield Page(count, url, rows)
            if p.style == "none":
                return
            if p.style == "page":
                if len(rows) < p.size:
                    return
                number += 1
                continue
            nxt = _path(data, p.next)
            if nxt is _MISSING or nxt in (None, ""):
                return
            if not isinstance(nxt, str):
                raise ConnectorError(
                    f"{self.name}: page {count} ({url}): broken page, {p.next!r} is not a URL"
                )
            url = urljoin(url, nxt)
            params = {}  # the next link carries its own query
        raise ConnectorError(
            f"{self.name}: more than {cfg.max_pages} pages; raise max_pages if this is right"
        )

    def next_cursor(self, rows: list[dict[str, Any]], since: str | None) -> str | None:
        values = [str(r["_cursor"]) for r in rows if r.get("_cursor") not in (None, "")]
        for r in rows:
            r.pop("_cursor", None)
        # ISO dates and timestamps order as text; the largest one seen is where the next pull starts
        return max([*values, *([since] if since else [])], default=since)
