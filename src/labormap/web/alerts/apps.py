from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "labormap.web.alerts"
    label = "alerts"
    verbose_name = _("Alerts")
    url_prefix = "alerts/"
    api_prefix = "/alerts"
