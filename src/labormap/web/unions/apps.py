from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionsConfig(AppConfig):
    """Trade unions: electronic collective agreements (item 28) and the union workstation (item 29).

    Pages under ``/unions/``; the API adds ``GET /api/v1/agreements`` (the list of collective agreements,
    left free by the agreements app) and ``/api/v1/unions/…``, hence the empty API prefix.
    """

    name = "labormap.web.unions"
    label = "unions"
    verbose_name = _("Trade unions")
    url_prefix = "unions/"
    api_prefix = ""
    card_panel = "labormap.web.unions.views.card_panel"
