from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "labormap.web.operations"
    label = "operations"
    verbose_name = _("Operations")
    url_prefix = "operations/"
    api_prefix = "/operations"
