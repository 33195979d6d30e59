"""Demo accounts, one per role, created only in demo mode (``LABORMAP_DEMO=1``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from labormap.web.accounts.models import Grant, Organisation, Profile
from labormap.web.conf import UserError
from labormap.web.employers.models import ContractorLink, Employer


class DemoOnly(UserError):
    """A demo-only action (demo accounts) asked for outside demo mode."""


_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "sch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "q",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
        strict=True,
    )
)


def _slug(name: str) -> str:
    """An ASCII user-name part from a group name (demo users type it): «Ұлттық Қазына» → ulttyq-qazyna."""
    words = [
        w
        for w in name.lower().replace("«", " ").replace("»", " ").split()
        if w not in ("холдинг", "группа", "группа компаний", "тобы")
    ]
    latin = "-".join(
        "".join(_LATIN.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in w) for w in words
    )
    return latin.strip("-")[:24] or "group"


def _pick_employers() -> dict[str, Any]:
    """Pick demo targets from the published data: the biggest holding, a sector with many employers, the
    riskiest employer (for the employer account) and a handful of member employers for the association."""
    holding = (
        Employer.objects.exclude(holding="")
        .values("holding")
        .annotate(n=Count("bin"))
        .order_by("-n")
        .values_list("holding", flat=True)
        .first()
    )
    sector = (
        Employer.objects.exclude(sector="")
        .values("sector")
        .annotate(n=Count("bin"))
        .order_by("-n")
        .values_list("sector", flat=True)
        .first()
    ) or "B"
    own = Employer.objects.exclude(score=None).order_by("-score").values_list("bin", flat=True).first()
    members = list(Employer.objects.filter(sector=sector).order_by("bin").values_list("bin", flat=True)[:25])
    union = list(
        Employer.objects.filter(union_present=True).order_by("-score").values_list("bin", flat=True)[:50]
    )
    contractors = ContractorLink.objects.count()
    return {
        "holding": holding,
        "sector": sector,
        "own": own,
        "members": members,
        "union": union,
        "contractors": contractors,
    }


def create_demo_accounts(password: str) -> list[dict[str, str]]:
    if not settings.DEMO:
        raise DemoOnly("demo accounts exist only in demo mode (LABORMAP_DEMO=1)")
    p = _pick_employers()
    expires = timezone.now() + dt.timedelta(days=365)
    specs: list[dict[str, object]] = [
        {
            "username": "ministry",
            "org": "Министерство труда и социальной защиты населения",
            "role": "ministry_admin",
            "scope_kind": "country",
        },
        {
            "username": "analyst",
            "org": "Комитет труда и социальной защиты",
            "role": "analyst",
            "scope_kind": "country",
        },
        {
            "username": "inspector-47",
            "org": "Департамент инспекции труда Мангистауской области",
            "role": "inspector",
            "scope_kind": "region",
            "regions": "47",
        },
        {
            "username": "akimat-47",
            "org": "Акимат Мангистауской области",
            "role": "akimat",
            "scope_kind": "region",
            "regions": "47",
        },
        {
            "username": f"union-{p['sector']}",
            "org": "Отраслевой профсоюз",
            "role": "union",
            "scope_kind": "employers",
            "employer_bins": ",".join(p["union"]),
            # a second grant: the union sees its whole sector as well (grants add up; within one grant
            # the dimensions intersect, see labormap.scope)
            "grants": [{"sectors": str(p["sector"])}],
        },
        {
            "username": f"association-{p['sector']}",
            "org": "Ассоциация работодателей",
            "role": "association",
            "scope_kind": "employers",
            "employer_bins": ",".join(p["members"]),
        },
    ]
    if p["holding"]:
        slug = _slug(str(p["holding"]))
        specs.append(
            {
                "username": f"holding-{slug}",
                "org": str(p["holding"]),
                "role": "holding",
                "scope_kind": "holding",
                "holding": p["holding"],
            }
        )
    if p["own"]:
        specs.append(
            {
                "username": f"employer-{p['own']}",
                "org": f"Работодатель {p['own']}",
                "role": "employer",
                "scope_kind": "own",
                "employer_bins": p["own"],
            }
        )
    # one hash for all: the demo password is public anyway, and hashing once keeps createdemo fast
    hashed = make_password(password)
    out = []
    User = get_user_model()
    with transaction.atomic():
        for s in specs:
            org, _c = Organisation.objects.get_or_create(
                name=str(s["org"]), defaults={"kind": str(s["role"])}
            )
            user, _c = User.objects.get_or_create(username=str(s["username"]))
            user.password = hashed
            user.is_active = True
            user.email = f"{s['username']}@demo.labormap.local"
            user.save()
            profile, _c = Profile.objects.update_or_create(
                user=user,
                defaults={
                    "organisation": org,
                    "role": s["role"],
                    "scope_kind": s["scope_kind"],
                    "regions": s.get("regions", ""),
                    "sectors": s.get("sectors", ""),
                    "employer_bins": s.get("employer_bins", ""),
                    "holding": s.get("holding", "") or "",
                    "expires_at": expires,
                },
            )
            Grant.objects.filter(profile=profile).delete()
            for g in s.get("grants", []):  # type: ignore[attr-defined]
                Grant.objects.create(profile=profile, **g)
            out.append(
                {
                    "username": str(s["username"]),
                    "password": password,
                    "role": str(s["role"]),
                    "scope": str(s["scope_kind"]),
                }
            )
    return out
