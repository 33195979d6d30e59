"""What the union pages do to a collective agreement: draft, edit (a new version), comment, accept, register.

The rules (states, the check against the sectoral agreement, differences, reminders) are the engine's
(:mod:`labormap.unions.cagreement`); this module stores their results and writes the audit trail.
Registration publishes the agreement into the ``collective_agreements`` registry through a platform drop
(:mod:`labormap.ingest.drops`), exactly as a registry holder's file would arrive.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from labormap.i18n import N_
from labormap.unions import cagreement as rules
from labormap.web.accounts.scope import profile_of, restrict
from labormap.web.agreements.models import Agreement as SectorAgreement
from labormap.web.employers.models import Employer
from labormap.web.unions.models import Clause, CollectiveAgreement, Comment, Reminder, Version

# The local labour body registers agreements; the ministry and analysts may do it for any region in scope.
REGISTER_ROLES = {"ministry_admin", "analyst", "inspector", "akimat"}
DRAFT_ROLES = {"union", "employer"}
REGISTRY_PREFIX = "LM-CA-"


def visible(user: Any) -> Any:
    """Collective agreements the user may see: those of employers in scope (a union: its organisations;
    an employer: its own; an association: its members')."""
    return restrict(CollectiveAgreement.objects.select_related("employer"), user, "employer__")


def party_of(user: Any, ag: CollectiveAgreement) -> str | None:
    """``employer`` or ``union`` when the user is an authorised account of that party, else None."""
    p = profile_of(user)
    if p is None or not visible(user).filter(pk=ag.pk).exists():
        return None
    if p.role == "employer":
        return "employer"
    if p.role == "union" and (ag.union_id is None or ag.union_id == p.organisation_id):
        return "union"
    return None


def can_register(user: Any, ag: CollectiveAgreement) -> bool:
    p = profile_of(user)
    return p is not None and p.role in REGISTER_ROLES and visible(user).filter(pk=ag.pk).exists()


def can_draft(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.role in DRAFT_ROLES


def sector_terms(e: Employer) -> list[rules.SectorTerms]:
    """Sectoral and regional agreements applicable to ``e`` today (from the published catalogue)."""
    rows = [
        rules.SectorTerms(
            agreement_id=a.agreement_id,
            level=a.level,
            oked_section=a.oked_section or None,
            oked_division=a.oked_division or None,
            region=a.region or None,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            min_tariff_kzt=a.min_tariff_kzt,
            inter_grade_coefficient=a.inter_grade_coefficient,
            hazard_bonus_pct=a.hazard_bonus_pct,
            indexation_clause=a.indexation_clause,
            title=a.title,
        )
        for a in SectorAgreement.objects.all()
    ]
    return rules.applicable(
        rows, section=e.sector, division=(e.oked or "")[:2], region=e.region, on=timezone.localdate()
    )


def terms_of(ag: CollectiveAgreement) -> rules.Terms:
    return rules.Terms(ag.min_tariff_kzt, ag.tariff_coefficients, ag.hazard_bonus_pct, ag.indexation)


def _terms_json(ag: CollectiveAgreement) -> dict[str, Any]:
    return {
        "min_tariff_kzt": ag.min_tariff_kzt,
        "tariff_coefficients": ag.tariff_coefficients,
        "hazard_bonus_pct": ag.hazard_bonus_pct,
        "indexation": ag.indexation,
        "valid_from": ag.valid_from.isoformat(),
        "valid_to": ag.valid_to.isoformat(),
    }


def _recheck(ag: CollectiveAgreement) -> None:
    sector = sector_terms(ag.employer)
    ag.sector_agreements = ";".join(a.agreement_id for a in sector)
    ag.flags = [f.as_json() for f in rules.check(terms_of(ag), sector)]


def _snapshot(ag: CollectiveAgreement, user: Any) -> None:
    Version.objects.create(
        agreement=ag, no=ag.version, texts=ag.texts(), terms=_terms_json(ag), created_by=user
    )


def create_draft(
    employer: Employer, user: Any, *, valid_from: dt.date, years: int = 3, lang: str = "ru", union: Any = None
) -> CollectiveAgreement:
    """A draft from the template, pre-filled with the floor of the applicable sectoral agreements."""
    p = profile_of(user)
    org = union if union is not None else (p.organisation if p is not None and p.role == "union" else None)
    sector = sector_terms(employer)
    terms = rules.prefill(sector)
    with transaction.atomic():
        ag = CollectiveAgreement.objects.create(
            employer=employer,
            union=org,
            union_name=org.name if org is not None else "",
            valid_from=valid_from,
            valid_to=valid_from.replace(year=valid_from.year + years) - dt.timedelta(days=1),
            min_tariff_kzt=terms.min_tariff_kzt,
            tariff_coefficients=terms.tariff_coefficients,
            hazard_bonus_pct=terms.hazard_bonus_pct,
            indexation=terms.indexation,
            created_by=user,
        )
        for i, (section, code, text) in enumerate(rules.template_clauses(terms, lang)):
            Clause.objects.create(agreement=ag, seq=i, section=section, code=code, text=text)
        _recheck(ag)
        ag.save()
        _snapshot(ag, user)
    return ag


def _reset_acceptance(ag: CollectiveAgreement) -> None:
    # acceptance is of one version: a change after either party accepted needs both to accept again
    ag.employer_accepted_by = ag.union_accepted_by = None
    ag.employer_accepted_at = ag.union_accepted_at = None


def edit(
    ag: CollectiveAgreement, user: Any, *, texts: dict[str, str], terms: dict[str, Any]
) -> list[rules.ClauseDiff]:
    """A new version (a negotiation round): changed clauses and terms; returns the differences."""
    ag.state = rules.next_state(ag.state, "edit")
    old = ag.texts()
    with transaction.atomic():
        for c in ag.clauses.all():
            new = texts.get(c.code)
            if new is not None and new.strip() and new.replace("\r\n", "\n") != c.text:
                c.text = new.replace("\r\n", "\n")
                c.save(update_fields=["text"])
        for k in (
            "min_tariff_kzt",
            "tariff_coefficients",
            "hazard_bonus_pct",
            "indexation",
            "valid_from",
            "valid_to",
        ):
            if k in terms:
                setattr(ag, k, terms[k])
        if ag.valid_to < ag.valid_from:
            raise rules.AgreementRuleError(N_("the end date is before the start date"))
        ag.version += 1
        _reset_acceptance(ag)
        _recheck(ag)
        ag.save()
        _snapshot(ag, user)
    return rules.diff(old, ag.texts())


def comment(ag: CollectiveAgreement, user: Any, clause: str, text: str) -> Comment:
    if ag.state not in (rules.DRAFT, rules.NEGOTIATION):
        raise rules.AgreementRuleError(N_("comments are closed once the agreement is signed"))
    if clause not in ag.texts():
        raise rules.AgreementRuleError(N_("no clause {clause}"), clause=clause)
    return Comment.objects.create(
        agreement=ag,
        version=ag.version,
        clause=clause,
        party=party_of(user, ag) or "state",
        author=user,
        text=text,
    )


def accept(ag: CollectiveAgreement, user: Any, *, override_flags: bool = False) -> str:
    """The user's party accepts the current version; both parties: the agreement is signed.

    A flagged draft (a term below the sectoral agreement) is not accepted unless the party says it has
    seen the flags (``override_flags``) — the flag is shown before signing, as the issue asks.
    """
    party = party_of(user, ag)
    if party is None:
        raise rules.AgreementRuleError(N_("only an authorised account of the employer or the union accepts"))
    if ag.flags and not override_flags:
        raise rules.AgreementRuleError(N_("the draft has terms below the sectoral agreement"))
    now = timezone.now()
    if party == "employer":
        ag.employer_accepted_by, ag.employer_accepted_at = user, now
    else:
        ag.union_accepted_by, ag.union_accepted_at = user, now
    ag.state = rules.next_state(
        ag.state,
        "accept",
        employer_accepted=ag.employer_accepted_by_id is not None,
        union_accepted=ag.union_accepted_by_id is not None,
    )
    if ag.state == rules.SIGNED:
        ag.signed_on = timezone.localdate()
    ag.save()
    return party


def registry_row(ag: CollectiveAgreement) -> dict[str, str]:
    """The agreement in the ``collective_agreements`` registry's own columns."""

    def num(v: float | None) -> str:
        return "" if v is None else f"{v:g}"

    return {
        "agreement_id": ag.registry_id,
        "employer_bin": ag.employer_id,
        "union_name": ag.union_name,
        "signed_on": ag.signed_on.isoformat() if ag.signed_on else "",
        "valid_from": ag.valid_from.isoformat(),
        "valid_to": ag.valid_to.isoformat(),
        "min_tariff_kzt": num(ag.min_tariff_kzt),
        "tariff_coefficients": ag.tariff_coefficients,
        "hazard_bonus_pct": num(ag.hazard_bonus_pct),
        "registered_on": ag.registered_on.isoformat() if ag.registered_on else "",
    }


def publish(
    ags: list[CollectiveAgreement], warehouse: Path | str, today: dt.date | None = None
) -> tuple[Path, dict[str, Any]]:
    """One platform drop with ``registries/collective_agreements.csv``, sent through ingest."""
    from labormap.ingest.drops import ingest_platform_drop, new_drop
    from labormap.unions.registry import write_collective_agreements
    from labormap.warehouse import Warehouse

    wh = Warehouse(warehouse)
    drop = new_drop(wh, "web-unions")
    write_collective_agreements(drop, [registry_row(ag) for ag in ags])
    return drop, ingest_platform_drop(drop, wh, today=today)


def register(ag: CollectiveAgreement, user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """Register a signed agreement and publish it into the registry through ingest."""
    ag.state = rules.next_state(ag.state, "register")
    wh = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not wh:
        raise rules.AgreementRuleError(
            N_("no warehouse is configured: the registry cannot receive the agreement")
        )
    ag.registered_on = today or timezone.localdate()
    ag.registry_id = f"{REGISTRY_PREFIX}{ag.pk}"
    drop, report = publish([ag], wh, today=ag.registered_on)
    got = report.get("registries", {}).get("registries", {}).get("collective_agreements", {})
    if got.get("loaded", 0) != 1:
        # the registry refused the row (its reasons are in the ingest report): not registered
        raise rules.AgreementRuleError(
            N_("the registry did not accept the agreement: {reasons}"), reasons=got.get("reasons", {})
        )
    ag.published_drop = str(drop)
    ag.save()
    raise_reminders(ag.registered_on, CollectiveAgreement.objects.filter(pk=ag.pk))
    return report


def raise_reminders(today: dt.date, qs: Any = None) -> list[Reminder]:
    """Expiry reminders due on ``today`` (180, 90, 30 days before the end of registered agreements)."""
    qs = qs if qs is not None else CollectiveAgreement.objects.filter(state=rules.REGISTERED)
    out = []
    for ag in qs.filter(state=rules.REGISTERED, valid_to__gte=today):
        done = list(ag.reminders.values_list("days", flat=True))
        for d in rules.reminders_due(ag.valid_to, today, done):
            out.append(
                Reminder.objects.create(agreement=ag, days=d, due_on=ag.valid_to - dt.timedelta(days=d))
            )
    return out


def versions_diff(ag: CollectiveAgreement) -> list[dict[str, Any]]:
    """Each version against the one before: its changed clauses (for the page and the API)."""
    vs = list(ag.versions.all())
    out = []
    for a, b in itertools.pairwise(vs):
        out.append(
            {"no": b.no, "at": b.created_at, "changes": rules.diff(a.texts, b.texts), "terms": b.terms}
        )
    return out
