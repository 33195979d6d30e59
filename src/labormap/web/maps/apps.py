from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "labormap.web.maps"
    label = "maps"
    verbose_name = _("Map")
    url_prefix = "map/"
    api_prefix = "/regions"
