"""Polite HTTP fetching: timeouts, retries with exponential backoff, a per-host delay, a User-Agent.

Retries are urllib3's ``Retry`` on a ``requests`` session (``HTTPAdapter(max_retries=...)``): connection
errors, read errors and the statuses in :data:`RETRY_STATUSES` are retried, ``Retry-After`` is honoured,
other statuses (404…) fail at once. The wait before the first retry is ``backoff`` seconds and doubles each
time (urllib3's own formula waits nothing before the first retry, which hammers a struggling site).

Collectors take any object with ``fetch(url) -> bytes``; tests give them local files or a local
``http.server`` on 127.0.0.1, never the internet. ``file://`` URLs and plain paths are read from disk.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from requests import RequestException, Session
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

DEFAULT_USER_AGENT = "LaborMap-media-monitor/0.1 (labour risk map; contact: operator of this installation)"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(RuntimeError):
    """A source could not be fetched after all retries (the message says why)."""


class Fetcher(Protocol):
    def fetch(self, url: str) -> bytes: ...


def _retry_policy(retries: int, backoff: float, sleep_fn: Callable[[float], None]) -> Retry:
    """urllib3's Retry, sleeping through ``sleep`` (tests pass a fake clock) with backoff·2ⁿ⁻¹ waits."""

    class _Retry(Retry):
        # a class attribute, so the copies urllib3 makes with ``type(self)(...)`` keep it
        _sleep = staticmethod(sleep_fn)

        def get_backoff_time(self) -> float:
            errors = len([h for h in self.history if h.redirect_location is None])
            return 0.0 if errors == 0 else min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1))

        def sleep(self, response: Any = None) -> None:
            after = self.get_retry_after(response) if response is not None else None
            wait = max(after or 0.0, self.get_backoff_time())
            if wait > 0:
                self._sleep(wait)

    return _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        backoff_factor=backoff,
        backoff_max=300.0,
        respect_retry_after_header=True,
        raise_on_status=False,  # the last response comes back and its status goes into the error
    )


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
    requests: int = 0  # fetches over HTTP (each may have been retried)
    _session: Session | None = None

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.politeness - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def session(self) -> Session:
        if self._session is None:
            s = Session()
            adapter = HTTPAdapter(max_retries=_retry_policy(self.retries, self.backoff, self.sleep))
            s.mount("http://", adapter)
            s.mount("https://", adapter)
            s.headers.update({"User-Agent": self.user_agent, "Accept": "*/*"})
            self._session = s
        return self._session

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
        self._wait_for_host(parsed.netloc)
        self.requests += 1
        attempts = self.retries + 1
        try:
            with self.session().get(url, timeout=self.timeout, stream=True) as resp:
                if resp.status_code in RETRY_STATUSES:
                    raise FetchError(f"{url}: HTTP {resp.status_code} after {attempts} attempts")
                if resp.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {resp.status_code}")
                body = b""
                for chunk in resp.iter_content(chunk_size=65536):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: larger than {self.max_bytes} bytes")
                return body
        except RequestException as e:
            raise FetchError(f"{url}: {e} after {attempts} attempts") from e
