from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "labormap.web.agreements"
    label = "agreements"
    verbose_name = _("Agreements")
    # pages under /agreements/… and the public catalogue under /public/agreements/… (see urls.py)
    url_prefix = ""
    api_prefix = "/agreements"
    card_panel = "labormap.web.agreements.views.card_panel"
