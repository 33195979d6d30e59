from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    """The algorithm of actions (playbook): the current rules, editing and the version history.

    Paths stay under ``/cases/playbook/``; the ``PlaybookVersion`` model stays in ``cases``.
    """

    name = "labormap.web.playbooks"
    label = "playbooks"
    verbose_name = _("Algorithm of actions")
    url_prefix = "cases/playbook/"
    api_prefix = "/playbooks"
