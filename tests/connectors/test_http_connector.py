"""The HTTP/JSON connector against a fake server on 127.0.0.1: paging, cursor resume, retry after a 503,
a broken page, credentials from the environment, a strict configuration, the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from labormap.connectors import ConfigError, ConnectorError, HttpJsonConnector, pull_into
from labormap.connectors.base import load_cursor
from labormap.connectors.cli import register
from labormap.connectors.config import parse_config
from labormap.warehouse import Warehouse
from tests.connectors.fake_server import TOKEN, State, serve
from tests.ingest.factories import bins

BIN = bins(1)[0]


def row(i: int, updated: str) -> dict[str, Any]:
    """A proceeding as the Ministry of Justice's API might send it (its own field names for two columns)."""
    return {
        "id": f"P{i:04d}",
        "debtor_bin": BIN,
        "opened_on": "2025-03-01",
        "basis": "inspector_order",
        "amount_kzt": 100_000 + i,
        "status": "open",
        "order_no": f"47-2025-П{i:05d}",
        "updated_at": updated,
    }


def config(base: str, **extra: Any) -> dict[str, Any]:
    c = {
        "name": "moj",
        "registry": "enforcement",
        "url": f"{base}/v1/proceedings",
        "items": "data.items",
        "paging": {"style": "page", "page_param": "page", "size_param": "per_page", "size": 2},
        "since": {"param": "updated_since", "field": "updated_at"},
        "fields": {"proceeding_id": "id", "employer_bin": "debtor_bin"},
        "auth": {"kind": "bearer", "token_env": "MOJ_TOKEN"},
        "retries": 2,
        "backoff": 0.01,
        "timeout": 5,
    }
    c.update(extra)
    return {"connectors": [c]}


def connector(url: str, **extra: Any) -> HttpJsonConnector:
    return HttpJsonConnector(parse_config(config(url, **extra))[0], env={"MOJ_TOKEN": TOKEN})


def loaded(wh: Warehouse) -> list[str]:
    con = wh.connect()
    try:
        return [r[0] for r in con.execute("SELECT proceeding_id FROM enforcement ORDER BY 1").fetchall()]
    finally:
        con.close()


def test_pages_then_resume_from_the_cursor(tmp_path: Path) -> None:
    state = State(rows=[row(i, f"2025-06-0{i}T10:00:00") for i in range(1, 6)])
    wh = Warehouse(tmp_path / "wh")
    with serve(state) as url:
        res = pull_into(connector(url), wh)
        assert (res.pages, res.rows) == (3, 5)  # 2 + 2 + 1
        assert loaded(wh) == [f"P{i:04d}" for i in range(1, 6)]
        assert load_cursor(wh, "moj") == "2025-06-05T10:00:00"
        # two new rows: the next pull asks only for what changed since the cursor
        state.rows += [row(6, "2025-06-07T09:00:00"), row(7, "2025-06-08T09:00:00")]
        state.hits.clear()
        res2 = pull_into(connector(url), wh)
    assert (res2.rows, res2.since) == (2, "2025-06-05T10:00:00")
    assert all("updated_since=2025-06-05T10%3A00%3A00" in h for h in state.hits)
    assert loaded(wh) == [f"P{i:04d}" for i in range(1, 8)]
    assert load_cursor(wh, "moj") == "2025-06-08T09:00:00"


def test_retry_after_a_503(tmp_path: Path) -> None:
    state = State(rows=[row(i, f"2025-06-0{i}") for i in range(1, 5)], fail_once={2})
    with serve(state) as url:
        res = pull_into(connector(url), Warehouse(tmp_path / "wh"))
    assert res.rows == 4
    assert sum(bool(re.search(r"[?&]page=2(&|$)", h)) for h in state.hits) == 2  # the 503, then the retry


def test_broken_page_is_a_clear_error_and_lands_nothing(tmp_path: Path) -> None:
    state = State(rows=[row(i, f"2025-06-0{i}") for i in range(1, 6)], broken={2})
    wh = Warehouse(tmp_path / "wh")
    with serve(state) as url, pytest.raises(ConnectorError, match=r"moj: page 2 .*broken page, not JSON"):
        pull_into(connector(url), wh)
    assert not wh.exists() or loaded(wh) == []
    assert load_cursor(wh, "moj") is None  # the next pull starts from the same point


def test_page_without_its_list(tmp_path: Path) -> None:
    state = State(rows=[row(1, "2025-06-01")])
    with serve(state) as url, pytest.raises(ConnectorError, match="no 'rows' in it"):
        pull_into(connector(url, items="rows"), Warehouse(tmp_path / "wh"))


def test_server_error_after_retries(tmp_path: Path) -> None:
    state = State(rows=[row(1, "2025-06-01")])
    with serve(state) as url:
        c = HttpJsonConnector(parse_config(config(url))[0], env={"MOJ_TOKEN": "wrong"})
        with pytest.raises(ConnectorError, match="HTTP 401"):
            pull_into(c, Warehouse(tmp_path / "wh"))


def test_credentials_come_from_the_environment() -> None:
    c = HttpJsonConnector(parse_config(config("http://127.0.0.1:9"))[0], env={})
    with pytest.raises(ConnectorError, match="MOJ_TOKEN is not set"):
        next(iter(c.pages(None)))


@pytest.mark.parametrize(
    ("change", "msg"),
    [
        ({"url_": "x"}, "unknown key"),
        ({"paging": {"style": "page", "pagesize": 5}}, "unknown key.*pagesize"),
        ({"registry": "nope"}, "unknown registry"),
        ({"fields": {"no_such_column": "x"}}, "unknown key.*no_such_column"),
        ({"auth": {"kind": "bearer"}}, "needs token_env"),
        ({"url": "ftp://x"}, "url must start"),
    ],
)
def test_configuration_fails_loudly(change: dict[str, Any], msg: str) -> None:
    with pytest.raises(ConfigError, match=msg):
        parse_config(config("http://127.0.0.1:9", **change))


def test_cli_pull(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = typer.Typer()
    register(app)
    state = State(rows=[row(i, f"2025-06-0{i}") for i in range(1, 4)])
    monkeypatch.setenv("MOJ_TOKEN", TOKEN)
    with serve(state) as url:
        cfg = tmp_path / "c.yaml"
        cfg.write_text(yaml.safe_dump(config(url), allow_unicode=True), encoding="utf-8")
        r = CliRunner().invoke(
            app, ["connectors", "pull", "--config", str(cfg), "--warehouse", str(tmp_path / "wh")]
        )
        assert r.exit_code == 0, r.output
        assert "3 rows in 2 pages" in r.output
        bad = tmp_path / "bad.yaml"
        bad.write_text("connectors:\n  - {name: x, registry: enforcement, url: 'http://a', colour: red}\n")
        r = CliRunner().invoke(
            app, ["connectors", "pull", "--config", str(bad), "--warehouse", str(tmp_path / "wh")]
        )
        assert r.exit_code == 2 and "unknown key(s) colour" in r.output
    assert len(loaded(Warehouse(tmp_path / "wh"))) == 3
