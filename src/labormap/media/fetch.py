"""Polite HTTP fetching: timeouts, retries with exponential backoff, a per-host delay, a User-Agent.

Collectors take any object with ``fetch(url) -> bytes``; tests give them local files or a local
``http.server`` on 127.0.0.1, never the internet. ``file://`` URLs and plain paths are read from disk.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

DEFAULT_USER_AGENT = "LaborMap-media-monitor/0.1 (labour risk map; contact: operator of this installation)"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(RuntimeError):
    """A source could not be fetched after all retries (the message says why)."""


class Fetcher(Protocol):
    def fetch(self, url: str) -> bytes: ...


@dataclass
class HttpFetcher:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    politeness: float = 2.0  # at least this many seconds between two requests to one host
    max_bytes: int = 20_000_000
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    requests: int = 0

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.politeness - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def fetch(self, url: str) -> bytes:
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme in ("", "file"):
            path = Path(urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else url)
            try:
                return path.read_bytes()
            except OSError as e:
                raise FetchError(f"{url}: {e}") from e
        if parsed.scheme not in ("http", "https"):
            raise FetchError(f"{url}: unsupported scheme {parsed.scheme!r}")
        delay = self.backoff
        last_error = ""
        for attempt in range(self.retries + 1):
            self._wait_for_host(parsed.netloc)
            self.requests += 1
            req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    body: bytes = resp.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: larger than {self.max_bytes} bytes")
                    return body
            except urllib.error.HTTPError as e:
                last_error = f"HTTP {e.code}"
                if e.code not in RETRY_STATUSES:
                    break
                retry_after = e.headers.get("Retry-After") if e.headers else None
                if retry_after and retry_after.isdigit():
                    delay = max(delay, float(retry_after))
            except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
                last_error = str(getattr(e, "reason", e))
            if attempt < self.retries:
                self.sleep(delay)
                delay *= 2
        raise FetchError(f"{url}: {last_error} after {self.retries + 1} attempts")
