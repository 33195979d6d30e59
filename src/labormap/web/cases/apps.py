from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "labormap.web.cases"
    label = "cases"
    verbose_name = _("Response")
    url_prefix = "cases/"
    api_prefix = "/cases"
    card_panel = "labormap.web.cases.views.card_panel"
