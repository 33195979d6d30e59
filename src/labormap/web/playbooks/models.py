"""``PlaybookVersion`` lives in the ``cases`` app (its migrations created it and every case records the
version it was planned with); this app owns the playbook's views, forms, urls, templates and API."""

from labormap.web.cases.models import PlaybookVersion

__all__ = ["PlaybookVersion"]
