from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    """Tripartite-commission hearings: proposals, sittings, protocols and decisions.

    The pages keep their paths under ``/cases/hearings/`` (bookmarks and forms of the former ``cases``
    app keep working); the models stay in the ``cases`` app (see ``models.py``).
    """

    name = "labormap.web.hearings"
    label = "hearings"
    verbose_name = _("Tripartite hearings")
    url_prefix = "cases/hearings/"
    api_prefix = "/hearings"
