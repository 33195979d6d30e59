"""Login and logout, access requests and their approval, account management, the audit log."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap import csvsafe
from labormap.web.accounts import audit, coverage, filters, passwords, ratelimit, throttle
from labormap.web.accounts.forms import AccessRequestForm, AccountForm, ApproveForm, LoginForm
from labormap.web.accounts.models import AccessRequest, AuditEvent, Organisation, Profile
from labormap.web.accounts.roles import ROLES
from labormap.web.accounts.scope import is_admin, profile_of, scoped_employers
from labormap.web.core.apirequest import UserRequest

ACCESS_REQUESTS_PER_HOUR = 5  # per client address: the public form cannot be used to flood the queue


def admin_required(view: Any) -> Any:
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, data=request.POST or None)
    locked = 0  # seconds to wait before the next attempt is checked (accounts/throttle.py)
    if request.method == "POST":
        username = str(request.POST.get("username", ""))[:150]
        ip = audit.client_ip(request)
        locked = throttle.wait_seconds(username, ip)
        if locked:
            audit.record(request, AuditEvent.LOGIN_FAILED, username=username, reason="throttled")
        elif form.is_valid():
            user = form.get_user()
            one_time = passwords.consume_one_time(user)  # before login(), so the session carries the new hash
            login(request, user)
            throttle.succeeded(username)
            if one_time:
                return redirect("accounts:password_set")
            nxt = request.POST.get("next") or request.GET.get("next") or ""
            from django.utils.http import url_has_allowed_host_and_scheme

            if nxt and url_has_allowed_host_and_scheme(
                nxt, {request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(nxt)
            return redirect("dashboard:index")
        else:
            throttle.failed(username, ip)
            audit.record(request, AuditEvent.LOGIN_FAILED, username=username)
    resp = render(
        request,
        "accounts/login.html",
        {"form": form, "locked": locked, "next": request.GET.get("next", "")},
        status=429 if locked else 200,
    )
    if locked:
        resp["Retry-After"] = str(locked)
    return resp


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record(request, AuditEvent.LOGOUT)
    logout(request)
    return redirect("accounts:login")


def request_access(request: HttpRequest) -> HttpResponse:
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and not ratelimit.allow(
        AuditEvent.ACCESS_REQUEST, audit.client_ip(request), limit=ACCESS_REQUESTS_PER_HOUR, window_s=3600
    ):
        return ratelimit.too_many(request)
    if request.method == "POST" and form.is_valid():
        ar = form.save()
        audit.record(
            request,
            AuditEvent.ACCESS_REQUEST,
            target=f"request:{ar.pk}",
            username=ar.username,
            organisation=ar.organisation_name,
        )
        return render(request, "accounts/request_sent.html", {"req": ar})
    return render(request, "accounts/request_access.html", {"form": form})


@login_required
def me(request: HttpRequest) -> HttpResponse:
    # The count the account really sees (all its grants), not the length of one grant's list.
    return render(
        request,
        "accounts/me.html",
        {"profile": profile_of(request.user), "employers_seen": scoped_employers(request.user).count()},
    )


@admin_required
def requests_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AccessRequest.PENDING)
    qs = filters.access_requests(status)
    return render(request, "accounts/requests.html", {"requests": qs[:500], "status": status})


def _apply_scope(profile: Profile, data: dict[str, Any]) -> None:
    profile.role = data["role"]
    profile.scope_kind = data["scope_kind"]
    profile.regions = ",".join(data.get("regions") or [])
    profile.sectors = ",".join(data.get("sectors") or [])
    profile.employer_bins = data.get("employer_bins", "")
    profile.holding = data.get("holding", "")
    profile.expires_at = data["expires_at"]


def _notify(ar: AccessRequest, text: str) -> None:
    """Tell the requester the decision (never the password: that goes through a separate channel)."""
    from django.core.mail import send_mail

    send_mail(
        f"LaborMap № {ar.pk}", f"{text}\n\n{ar.decision_note}".strip(), None, [ar.email], fail_silently=True
    )


@admin_required
def request_decide(request: UserRequest, pk: int) -> HttpResponse:
    ar = get_object_or_404(AccessRequest, pk=pk)
    initial = {
        "username": ar.username,
        "role": ar.requested_role,
        "scope_kind": ROLES[ar.requested_role].scope_kinds[0],
        "expires_at": timezone.now() + dt.timedelta(days=365),
    }
    form = ApproveForm(request.POST or None, initial=initial)
    password = None
    if request.method == "POST" and ar.status == AccessRequest.PENDING:
        if request.POST.get("action") == "reject":
            ar.status, ar.decided_by, ar.decided_at = AccessRequest.REJECTED, request.user, timezone.now()
            ar.decision_note = str(request.POST.get("note", ""))[:2000]
            ar.save()
            audit.record(request, AuditEvent.ADMIN, target=f"request:{ar.pk}", op="reject")
            _notify(ar, _("Your LaborMap access request was rejected."))
            messages.info(request, _("The request was rejected."))
            return redirect("accounts:requests")
        if form.is_valid() and not coverage.confirmed(request.POST, form.cleaned_data):
            return _preview(request, "accounts/request_decide.html", {"req": ar, "form": form})
        if form.is_valid():
            with transaction.atomic():
                org, _created = Organisation.objects.get_or_create(
                    name=ar.organisation_name,
                    defaults={"bin": ar.organisation_bin, "kind": form.cleaned_data["role"]},
                )
                password = secrets.token_urlsafe(12)
                username = form.cleaned_data["username"]
                user = get_user_model().objects.create_user(username, ar.email, password)
                profile = Profile(user=user, organisation=org, must_change_password=True)
                _apply_scope(profile, form.cleaned_data)
                profile.save()
                ar.status, ar.decided_by, ar.decided_at, ar.user = (
                    AccessRequest.APPROVED,
                    request.user,
                    timezone.now(),
                    user,
                )
                ar.decision_note = form.cleaned_data.get("note", "")
                ar.save()
                audit.record(
                    request,
                    AuditEvent.ADMIN,
                    target=f"user:{user.username}",
                    op="approve",
                    request_no=ar.pk,
                    role=profile.role,
                    scope=profile.scope_kind,
                    expires=profile.expires_at.isoformat() if profile.expires_at else None,
                )
            _notify(
                ar,
                _(
                    "Your LaborMap access request was approved. The administrator will give you your "
                    "password through a secure channel."
                ),
            )
    return render(request, "accounts/request_decide.html", {"req": ar, "form": form, "password": password})


def _preview(
    request: HttpRequest, template: str, ctx: dict[str, Any], extra: tuple[Any, ...] = ()
) -> HttpResponse:
    """Show what the grant covers and ask to confirm it (nothing is saved yet)."""
    form = ctx["form"]
    ctx.update(
        coverage=coverage.of(form.cleaned_data, extra), fingerprint=coverage.fingerprint(form.cleaned_data)
    )
    return render(request, template, ctx)


@admin_required
def users_list(request: HttpRequest) -> HttpResponse:
    users = get_user_model().objects.select_related("profile", "profile__organisation").order_by("username")
    return render(request, "accounts/users.html", {"users": users[:2000], "now": timezone.now()})


@admin_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    profile = Profile.objects.filter(user=user).first()
    initial: dict[str, Any] = {"is_active": user.is_active}
    if profile:
        initial.update(
            role=profile.role,
            scope_kind=profile.scope_kind,
            regions=profile.region_list(),
            sectors=profile.sector_list(),
            employer_bins=profile.employer_bins,
            holding=profile.holding,
            expires_at=profile.expires_at,
        )
    form = AccountForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and not coverage.confirmed(request.POST, form.cleaned_data)
    ):
        extra = tuple(g.grant() for g in profile.grants.all()) if profile else ()
        return _preview(request, "accounts/user_edit.html", {"account": user, "form": form}, extra)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = profile or Profile(user=user)
            _apply_scope(profile, form.cleaned_data)
            profile.save()
            user.is_active = form.cleaned_data["is_active"]
            user.save(update_fields=["is_active"])
            audit.record(
                request,
                AuditEvent.ADMIN,
                target=f"user:{user.username}",
                op="edit",
                role=profile.role,
                scope=profile.scope_kind,
                active=user.is_active,
                expires=profile.expires_at.isoformat() if profile.expires_at else None,
            )
        messages.success(request, _("Saved."))
        return redirect("accounts:users")
    return render(request, "accounts/user_edit.html", {"account": user, "form": form})


def _audit_qs(request: HttpRequest) -> Any:
    return filters.audit_events(request.GET)


@admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(_audit_qs(request), 100).get_page(request.GET.get("page"))
    actions = [
        AuditEvent.LOGIN,
        AuditEvent.LOGIN_FAILED,
        AuditEvent.LOGOUT,
        AuditEvent.VIEW_CARD,
        AuditEvent.EXPORT,
        AuditEvent.API_TOKEN,
        AuditEvent.ACCESS_REQUEST,
        AuditEvent.ADMIN,
    ]
    return render(request, "accounts/audit.html", {"page": page, "actions": actions})


@admin_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    audit.record(request, AuditEvent.EXPORT, target="audit", format="csv")
    writer = csvsafe.writer(csvsafe.Echo())

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(["at", "username", "action", "target", "ip", "details"])
        for e in _audit_qs(request).iterator(chunk_size=2000):
            yield writer.writerow([e.at.isoformat(), e.username, e.action, e.target, e.ip or "", e.details])

    resp = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="labormap-audit.csv"'
    return resp
