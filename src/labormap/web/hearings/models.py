"""Hearing models live in the ``cases`` app (``Hearing``, ``HearingEmployer``, ``HearingDecision``).

They were created by ``cases``' migrations and share the ``Task`` table with cases; moving them would
need a data migration for no gain, so this app owns the views, forms, urls, templates and API of
hearings and re-exports the models from their one home.
"""

from labormap.web.cases.models import Hearing, HearingDecision, HearingEmployer

__all__ = ["Hearing", "HearingDecision", "HearingEmployer"]
