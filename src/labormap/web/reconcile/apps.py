from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconcileConfig(AppConfig):
    """Quarterly reconciliation acts with the police and the enforcement officers (issue 13)."""

    name = "labormap.web.reconcile"
    label = "reconcile"
    verbose_name = _("Reconciliation acts")
    url_prefix = "reconcile/"
    api_prefix = "/reconcile"
    # the menu shows the app only to users its pages serve (web.core.context.nav_off)
    nav_check = "labormap.web.reconcile.services.may_open"
