"""The voice index reuses one warehouse connection per process, and sees new surveys once they are ingested."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from labormap.warehouse import Warehouse
from labormap.web.voice import services
from tests.features.tiny import write_run
from tests.voice import handmade as hm


def test_one_connection_until_the_manifest_changes(voice_wh: Path, settings: Any, monkeypatch: Any) -> None:
    settings.LABORMAP_WAREHOUSE = voice_wh
    monkeypatch.setattr(services, "_CON", None)
    opened: list[int] = []
    real = Warehouse.connect

    def counting(self: Warehouse, **kw: Any) -> Any:
        opened.append(1)
        return real(self, **kw)

    monkeypatch.setattr(Warehouse, "connect", counting)
    assert services.known_waves() == [hm.WAVE, hm.PREV]
    before = services.employer_trend(hm.bin_of(1))
    assert len(opened) == 1  # the second call reused the connection
    assert [g.wave for g in before] == [hm.WAVE]
    # an ingest commits a new run: the manifest changes and the next call sees the new wave
    write_run(Warehouse(voice_wh), {"surveys": [hm.sheet(1, f"N{i}", "2027-H1", 3) for i in range(10)]})
    assert services.known_waves()[0] == "2027-H1"
    assert len(opened) == 2
    assert [g.wave for g in services.employer_trend(hm.bin_of(1))] == [hm.WAVE, "2027-H1"]


def test_the_connection_is_renewed_after_its_time(voice_wh: Path, settings: Any, monkeypatch: Any) -> None:
    settings.LABORMAP_WAREHOUSE = voice_wh
    monkeypatch.setattr(services, "_CON", None)
    clock = iter([0.0, 30.0, services.CON_TTL_S + 1])
    monkeypatch.setattr(services.time, "monotonic", lambda: next(clock))
    services.known_waves()
    first = services._CON
    services.known_waves()
    assert services._CON is first  # same minute
    services.known_waves()
    assert services._CON is not first  # a derived dataset may have swapped files meanwhile
