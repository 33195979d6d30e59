from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportDownloadsConfig(AppConfig):
    """Report downloads (daily note, measures report, semi-annual note) for the user's scope.

    The package is ``labormap.web.reportdownloads`` and the app label ``reportdownloads``, not ``reports``:
    the engine that writes the documents is ``labormap.reports``, and one name for two things is what
    issue 10 removes. The page keeps its path ``/cases/reports/``.
    """

    name = "labormap.web.reportdownloads"
    label = "reportdownloads"
    verbose_name = _("Reports")
    url_prefix = "cases/reports/"
    api_prefix = "/reports"
