"""Collectors and the fetcher, on local fixture files and a local HTTP server (never the internet)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import pytest

from labormap.media.collectors import collect
from labormap.media.fetch import FetchError, HttpFetcher
from labormap.media.sources import ConfigError, PollState, load_config

DATA = Path(__file__).parent / "data"
NOW = datetime(2025, 8, 1, 12, 0)


@pytest.fixture(scope="module")
def sources() -> dict[str, object]:
    return {s.name: s for s in load_config(DATA / "sources.yaml").sources}


def test_rss(sources: dict) -> None:
    items = collect(sources["test_rss"], HttpFetcher(), NOW)
    assert [i["id"] for i in items] == ["test_rss:rss-1", "test_rss:rss-2", "test_rss:rss-3"]
    first = items[0]
    assert first["published_at"] == "2025-03-03T03:15:00"  # +05:00 converted to UTC
    assert "<p>" not in first["text"] and "Павлодарский вагоноремонтный завод" in first["text"]
    assert first["url"] == "http://127.0.0.1/news/1" and first["source_kind"] == "news"


def test_atom(sources: dict) -> None:
    (item,) = collect(sources["test_atom"], HttpFetcher(), NOW)
    assert item["id"] == "test_atom:urn:test:atom:1"
    assert item["published_at"] == "2025-04-01T09:00:00"
    assert "Шахтинск Комир" in item["text"]


def test_article_page_main_text(sources: dict) -> None:
    (item,) = collect(sources["test_page"], HttpFetcher(), NOW)
    assert item["title"].startswith("Медики больницы обратились к акиму")
    assert "видеообращение" in item["text"]
    assert "Главная" not in item["text"] and "Все права защищены" not in item["text"]
    assert item["published_at"].startswith("2025-05-20")


def test_telegram_export(sources: dict) -> None:
    items = collect(sources["test_tg"], HttpFetcher(), NOW)
    # Service messages and empty texts are skipped; formatted text parts are joined.
    assert [i["id"] for i in items] == ["test_tg:101", "test_tg:103"]
    assert items[0]["url"] == "https://t.me/zhanaozen_test/101"
    assert items[0]["published_at"] == "2025-06-02T08:10:00"
    assert items[1]["text"] == "Ауа райы: ертең жаңбыр жауады, желдің жылдамдығы 15 м/с."
    assert items[0]["source_kind"] == "telegram" and items[0]["lang"] == "kk"


def test_csv_and_jsonl(sources: dict) -> None:
    csv_items = collect(sources["test_csv"], HttpFetcher(), NOW)
    assert [i["id"] for i in csv_items] == ["test_csv:c1", "test_csv:c2"]
    assert csv_items[0]["url"] == "http://127.0.0.1/c1"
    jl = collect(sources["test_jsonl"], HttpFetcher(), NOW)
    assert [i["published_at"] for i in jl] == ["2025-07-03T09:00:00", "2025-07-03T10:00:00"]


def test_config_errors_name_the_source(tmp_path: Path) -> None:
    bad = tmp_path / "s.yaml"
    bad.write_text("sources:\n  - {name: a, kind: rss}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="source a: give url"):
        load_config(bad)
    bad.write_text("sources:\n  - {name: a, kind: twitter, url: x}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kind must be one of"):
        load_config(bad)
    bad.write_text(
        "sources:\n  - {name: a, kind: rss, url: x}\n  - {name: a, kind: rss, url: y}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="duplicate"):
        load_config(bad)


def test_config_rejects_unknown_keys(tmp_path: Path) -> None:
    # as simulator scenarios do: a misspelt key is an error with a suggestion, never silently ignored
    bad = tmp_path / "s.yaml"
    bad.write_text("sources:\n  - {name: a, kind: rss, url: x, poll_minute: 5}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"source a: unknown key 'poll_minute'; did you mean poll_minutes"):
        load_config(bad)
    bad.write_text("timeout: 5\nsources:\n  - {name: a, kind: rss, url: x}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'timeout'"):
        load_config(bad)
    # the shipped example and the test fixture use only known keys
    assert load_config(Path(__file__).parents[2] / "src/labormap/media/sources.example.yaml").sources


def test_poll_schedule(tmp_path: Path, sources: dict) -> None:
    state = PollState(tmp_path / "state.json")
    src = sources["test_rss"]  # every 30 minutes
    assert state.due(src, NOW)
    state.mark(src, NOW)
    state.save()
    again = PollState(tmp_path / "state.json")
    assert not again.due(src, NOW.replace(minute=20))
    assert again.due(src, NOW.replace(minute=31))


# --- HTTP ------------------------------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []
    fail_first: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        type(self).hits.append((self.path, self.headers.get("User-Agent", "")))
        left = type(self).fail_first.get(self.path, 0)
        if left:
            type(self).fail_first[self.path] = left - 1
            if self.path == "/busy":
                self.send_response(429)
                self.send_header("Retry-After", "7")
            else:
                self.send_response(503)
            self.end_headers()
            return
        if self.path == "/missing":
            self.send_response(404)
            self.end_headers()
            return
        body = (DATA / "feed.rss").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = []
    _Handler.fail_first = {}
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=lambda: srv.serve_forever(poll_interval=0.02), daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def sleep(self, s: float) -> None:
        self.slept.append(round(s, 3))
        self.now += s

    def __call__(self) -> float:
        return self.now


def test_retries_with_backoff_then_success(server: str) -> None:
    clock = FakeClock()
    f = HttpFetcher(
        user_agent="LaborMap-test", retries=3, backoff=0.5, politeness=0, sleep=clock.sleep, clock=clock
    )
    _Handler.fail_first["/feed"] = 2
    body = f.fetch(server + "/feed")
    assert b"<rss" in body
    assert [p for p, _ in _Handler.hits] == ["/feed"] * 3
    assert clock.slept == [0.5, 1.0]  # exponential backoff
    assert all(ua == "LaborMap-test" for _, ua in _Handler.hits)


def test_client_errors_are_not_retried(server: str) -> None:
    clock = FakeClock()
    f = HttpFetcher(retries=3, politeness=0, sleep=clock.sleep, clock=clock)
    with pytest.raises(FetchError, match="HTTP 404"):
        f.fetch(server + "/missing")
    assert len(_Handler.hits) == 1


def test_gives_up_after_the_retries(server: str) -> None:
    clock = FakeClock()
    f = HttpFetcher(retries=2, backoff=1, politeness=0, sleep=clock.sleep, clock=clock)
    _Handler.fail_first["/feed"] = 10
    with pytest.raises(FetchError, match="HTTP 503 after 3 attempts"):
        f.fetch(server + "/feed")


def test_retry_after_is_honoured(server: str) -> None:
    clock = FakeClock()
    f = HttpFetcher(retries=2, backoff=0.5, politeness=0, sleep=clock.sleep, clock=clock)
    _Handler.fail_first["/busy"] = 1
    assert b"<rss" in f.fetch(server + "/busy")
    assert clock.slept == [7.0]  # the server's Retry-After, longer than the 0.5 s backoff


def test_politeness_delay_per_host(server: str) -> None:
    clock = FakeClock()
    f = HttpFetcher(politeness=2.0, sleep=clock.sleep, clock=clock)
    f.fetch(server + "/a")
    f.fetch(server + "/b")
    assert clock.slept == [2.0]  # the second request to the same host waited


def test_packaged_example_config_is_valid() -> None:
    cfg = load_config(Path(__file__).parents[2] / "src" / "labormap" / "media" / "sources.example.yaml")
    kinds = {s.kind for s in cfg.sources}
    assert kinds == {"rss", "atom", "page", "telegram_json", "csv"}
    assert cfg.politeness_seconds > 0 and cfg.retries >= 1
