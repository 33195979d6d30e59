from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "labormap.web.accounts"
    label = "accounts"
    verbose_name = _("Accounts and access")
    url_prefix = "accounts/"
    api_prefix = "/auth"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from labormap.web.accounts import audit
        from labormap.web.accounts.models import AuditEvent

        def on_login(sender: object, request: object, user: object, **kwargs: object) -> None:
            # every way of logging in (the login page, the test client, future SSO) ends up in the audit log
            audit.record(request, AuditEvent.LOGIN, user=user)  # type: ignore[arg-type]

        user_logged_in.connect(on_login, dispatch_uid="labormap-audit-login", weak=False)
