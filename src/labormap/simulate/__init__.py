"""The synthetic nation: every registry for ten years of monthly history, with a known causal model of
labour conflicts (see ``docs/simulation.md``)."""

from labormap.simulate.core import simulate
from labormap.simulate.params import ScenarioError

__all__ = ["ScenarioError", "simulate"]
