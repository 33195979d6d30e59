"""Grants of access intersect within themselves (issue 10); further grants are rows of ``Grant``.

Until now the fields of a profile were a *union* (regions OR sectors OR listed employers OR holding).
From now on they are one grant whose dimensions intersect. So that no existing account silently loses
what it was given, every profile that had more than one dimension set keeps the dimension its
``scope_kind`` names and gets one ``Grant`` row per other dimension — exactly the union it saw before.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django.db.models.deletion
from django.db import migrations, models

# scope_kind → the profile field that stays on the profile
MAIN_FIELD = {
    "region": "regions",
    "sector": "sectors",
    "employers": "employer_bins",
    "own": "employer_bins",
    "holding": "holding",
}
FIELDS = ("regions", "sectors", "employer_bins", "holding")


def split_union_profiles(apps: Any, schema_editor: Any) -> None:
    Profile = apps.get_model("accounts", "Profile")
    Grant = apps.get_model("accounts", "Grant")
    for p in Profile.objects.exclude(scope_kind="country"):
        filled = [f for f in FIELDS if (getattr(p, f) or "").strip()]
        if len(filled) < 2:
            continue
        keep = MAIN_FIELD.get(p.scope_kind, filled[0])
        if keep not in filled:
            keep = filled[0]
        for f in filled:
            if f != keep:
                Grant.objects.create(profile=p, **{f: getattr(p, f)})
                setattr(p, f, "")
        p.save()


def merge_back(apps: Any, schema_editor: Any) -> None:
    """Reverse: fold single-dimension grants back into their profile's (then union) fields."""
    Grant = apps.get_model("accounts", "Grant")
    for g in Grant.objects.select_related("profile"):
        p = g.profile
        for f in FIELDS:
            v = (getattr(g, f) or "").strip()
            if v and not (getattr(p, f) or "").strip():
                setattr(p, f, v)
        p.save()


class Migration(migrations.Migration):
    dependencies: ClassVar[list[tuple[str, str]]] = [("accounts", "0001_initial")]

    operations: ClassVar[list[migrations.operations.base.Operation]] = [
        migrations.CreateModel(
            name="Grant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "regions",
                    models.CharField(blank=True, max_length=200, verbose_name="regions (KATO codes)"),
                ),
                (
                    "sectors",
                    models.CharField(blank=True, max_length=100, verbose_name="sectors (ОКЭД sections)"),
                ),
                ("employer_bins", models.TextField(blank=True, verbose_name="employers (BINs)")),
                ("holding", models.CharField(blank=True, max_length=200, verbose_name="holding group")),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="grants",
                        to="accounts.profile",
                    ),
                ),
            ],
        ),
        migrations.RunPython(split_union_profiles, merge_back),
    ]
