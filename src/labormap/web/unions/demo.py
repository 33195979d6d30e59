"""Demo of issue 14: a union drafts a collective agreement with one of its employers, both parties
accept it, the ministry registers it (into the registry through an ingest drop), and the union proposes
its riskiest employer to the sectoral tripartite commission."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from labormap.web.accounts.models import Profile
from labormap.web.accounts.scope import scoped_employers
from labormap.web.unions import services
from labormap.web.unions.models import HearingProposal


def _employer_account(bin: str) -> Any:
    """The employer's demo account (``employer-<BIN>``), created when the demo has none for it."""
    User = get_user_model()
    user, made = User.objects.get_or_create(username=f"employer-{bin}")
    if made:
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, role="employer", scope_kind="own", employer_bins=bin)
    return user


def run(today: dt.date | None = None) -> list[str]:
    today = today or dt.date.today()
    User = get_user_model()
    union = User.objects.filter(profile__role="union").order_by("username").first()
    ministry = User.objects.filter(profile__role="ministry_admin").order_by("username").first()
    if union is None or ministry is None:
        return ["unions: no demo union or ministry account; skipped"]
    own = list(Profile.objects.filter(role="employer").values_list("employer_bins", flat=True))
    emps = scoped_employers(union).filter(union_present=True).order_by("-score")
    e = emps.filter(bin__in=own).first() or emps.first()
    if e is None:
        return [f"{union.username}: no employer with a union in scope; skipped"]
    boss = _employer_account(e.bin)
    with transaction.atomic():
        start = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        ag = services.create_draft(e, union, valid_from=start, years=3)
        services.comment(ag, boss, "pay.tariff", "Предлагаем индексацию с 1 июля.")
        services.edit(ag, union, texts={}, terms={"hazard_bonus_pct": (ag.hazard_bonus_pct or 10) + 2})
        services.accept(ag, union, override_flags=True)
        services.accept(ag, boss, override_flags=True)
    services.register(ag, ministry, today=today)
    ag.refresh_from_db()
    lines = [
        f"{union.username} drafted {ag.number} with {e.bin} {e.name[:40]}; checked against "
        f"{ag.sector_agreements or 'no sectoral agreement'}; flags: {[f['code'] for f in ag.flags] or 'none'}",
        f"  version {ag.version}, accepted by {boss.username} and {union.username}: {ag.state} on {ag.registered_on},"
        f" in the registry via drop {ag.published_drop}",
        f"  on the employer card: /employers/{e.bin}/ ; API: GET /api/v1/agreements?employer={e.bin}",
    ]
    risky = scoped_employers(union).exclude(score=None).order_by("-score").first()
    if risky is not None:
        HearingProposal.objects.create(
            union=union.profile.organisation, employer=risky, level="sectoral", score=risky.score,
            reason="Риск трудового конфликта по оценке LaborMap", created_by=union,
        )  # fmt: skip
        lines.append(f"  {union.username} proposed {risky.bin} for the sectoral tripartite commission")
        lines += _commission(risky, ministry, today)
    return lines


def _commission(e: Any, chair: Any, today: dt.date) -> list[str]:
    """The sectoral commission hears the proposed employer; its decision becomes a dated task."""
    from labormap.web.unions import commissions

    props = list(commissions.open_proposals(chair, "sectoral", sector=e.sector))
    if not props:
        return []
    s = commissions.plan(chair, "sectoral", today, props, sector=e.sector)
    s.status, s.held_on, s.protocol_no = s.HELD, today, "1"
    s.save()
    d = commissions.decide(
        s, e, "Погасить задолженность по заработной плате и доложить комиссии", "employer", 10
    )
    return [
        f"  sectoral commission ({e.sector}) sitting {s.pk} heard {len(props)} employer(s); decision -> task {d.task_id};"
        f" protocol /unions/commissions/{s.pk}/protocol-ru.docx and -kk.docx"
    ]
