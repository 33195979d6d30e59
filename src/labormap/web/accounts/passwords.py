"""Passwords: the one-time password of an approved request, changing a password, resetting a forgotten one.

An administrator who approves a request hands the new user a one-time password. It opens exactly one
session: the first login with it makes the password unusable at once and leads to a page where the user
chooses their own (until then every other page redirects there). A stolen or re-used one-time
password therefore gets nobody in a second time.

A forgotten password is reset through Django's token e-mail (the same answer whether or not the address
belongs to an account, so the form tells nobody which addresses exist), throttled per client address.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from labormap.web.accounts import audit, ratelimit
from labormap.web.accounts.models import AuditEvent, Profile

RESET = "password_reset"
RESET_LIMIT = 5  # reset e-mails per client address and hour
# Pages a user who must still choose a password may open.
ALLOWED_PREFIXES = ("/accounts/password/", "/accounts/logout/", "/static/", "/i18n/")


def must_change(user: Any) -> bool:
    try:
        return bool(user.profile.must_change_password)
    except Profile.DoesNotExist:
        return False


def consume_one_time(user: Any) -> bool:
    """Called on a successful login: a one-time password is spent now (True when it was one)."""
    if not must_change(user):
        return False
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return True


@login_required
def password_set(request: HttpRequest) -> HttpResponse:
    """Choose a password: after a one-time password, no old password is asked for."""
    account: Any = request.user  # authenticated: login_required
    forced = must_change(account)
    form_cls = SetPasswordForm if forced or not account.has_usable_password() else PasswordChangeForm
    form = form_cls(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        Profile.objects.filter(user=user).update(must_change_password=False)
        audit.record(request, AuditEvent.ADMIN, target=f"user:{user.get_username()}", op="password_set")
        messages.success(request, _("Your password has been changed."))
        return redirect("dashboard:index")
    return render(request, "accounts/password_form.html", {"form": form, "forced": forced})


class ResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not ratelimit.allow(RESET, audit.client_ip(request), limit=RESET_LIMIT, window_s=3600):
            return ratelimit.too_many(request)
        audit.record(request, RESET)
        return super().post(request, *args, **kwargs)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        resp = super().form_valid(form)
        Profile.objects.filter(user=form.user).update(must_change_password=False)
        return resp


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
