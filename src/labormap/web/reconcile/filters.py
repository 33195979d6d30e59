"""Scoped querysets of the app (the rules live in services: regions_for / visible_acts)."""

from labormap.web.reconcile.services import get_act, regions_for, visible_acts

__all__ = ["get_act", "regions_for", "visible_acts"]
