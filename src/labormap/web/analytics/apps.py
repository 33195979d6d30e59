from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "labormap.web.analytics"
    label = "analytics"
    verbose_name = _("Forecasts and analytics")
    url_prefix = "analytics/"
    api_prefix = "/analytics"
