from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "labormap.web.control"
    label = "control"
    verbose_name = _("Control")
    url_prefix = "control/"
    api_prefix = "/control"
