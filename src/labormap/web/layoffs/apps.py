from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayoffsConfig(AppConfig):
    name = "labormap.web.layoffs"
    label = "layoffs"
    verbose_name = _("Contractors and layoffs")
    url_prefix = "layoffs/"
    api_prefix = "/layoffs"
    card_panel = "labormap.web.layoffs.views.card_panel"
