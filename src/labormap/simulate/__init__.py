"""The synthetic nation: every registry for ten years of monthly history, with a known causal model of
labour conflicts (see ``docs/simulation.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labormap.simulate.params import ScenarioError

if TYPE_CHECKING:
    from labormap.simulate.core import simulate

__all__ = ["ScenarioError", "simulate"]


def __getattr__(name: str) -> Any:
    # The simulator (numpy, pandas, the writer) loads on first use: every `labormap` command registers the
    # `simulate` command, and the nightly `score` should not pay half a second to import what it never runs.
    if name == "simulate":
        from labormap.simulate.core import simulate

        return simulate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
