"""The scope of a report is the user's scope (``labormap.web.cases.services.report_scope``, built from
``labormap.web.accounts.scope``): nothing else filters a download."""

from labormap.web.cases.services import report_scope

__all__ = ["report_scope"]
