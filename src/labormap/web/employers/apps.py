from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "labormap.web.employers"
    label = "employers"
    verbose_name = _("Employers")
    url_prefix = "employers/"
    api_prefix = "/employers"
