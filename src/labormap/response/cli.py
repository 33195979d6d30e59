"""``labormap response``: inspect playbooks, preview the plan of a case, propose tripartite hearings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer


def _date(s: str | None) -> date:
    if not s:
        return date.today()
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise typer.BadParameter(f"{s!r}: expected YYYY-MM-DD") from None


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Response: algorithm of actions (playbooks), case plans, tripartite hearings.",
        no_args_is_help=True,
    )
    app.add_typer(sub, name="response")

    @sub.command("playbook")
    def playbook_cmd(
        file: Path = typer.Option(
            None, "--file", help="A playbook YAML to check (default: the shipped set)."
        ),
        diff_with: Path = typer.Option(None, "--diff-with", help="Show the diff from this older version."),
        canonical: bool = typer.Option(False, "--canonical", help="Print the canonical YAML."),
    ) -> None:
        """Check a playbook definition and list its rules (or print its canonical YAML, or a diff)."""
        from rich.console import Console
        from rich.table import Table

        from labormap.response.playbook import (
            PlaybookError,
            canonical_yaml,
            default_playbook,
            load_playbook_text,
            playbook_diff,
        )

        try:
            pb = load_playbook_text(file.read_text(encoding="utf-8")) if file else default_playbook()
            if diff_with:
                old = load_playbook_text(diff_with.read_text(encoding="utf-8"))
                typer.echo(playbook_diff(old, pb) or "no changes")
                return
        except (PlaybookError, OSError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        if canonical:
            typer.echo(canonical_yaml(pb), nl=False)
            return
        t = Table(title=f"{pb.title.ru} — {pb.name} v{pb.version}")
        for col in ("rule", "track", "when", "steps"):
            t.add_column(col)
        for r in pb.rules:
            when = ", ".join(f"{k}={v}" for k, v in r.when.to_data().items()) or "(any)"
            t.add_row(r.id, r.track, when, str(len(r.steps)))
        Console().print(t)

    @sub.command("plan")
    def plan_cmd(
        kind: str = typer.Option("none", "--kind", help="Conflict kind code, or `none` for prevention."),
        cause: list[str] = typer.Option([], "--cause", help="Cause code (repeat for several)."),
        group: str = typer.Option(None, "--group", help="Participant group code."),
        participants: int = typer.Option(None, "--participants", help="Number of participants."),
        workers: int = typer.Option(None, "--workers", help="Employer's headcount."),
        contractor: bool = typer.Option(False, "--contractor", help="The employer is a service contractor."),
        holding: bool = typer.Option(False, "--holding", help="The employer belongs to a holding."),
        opened: str = typer.Option(None, "--opened", help="Opening date YYYY-MM-DD (default today)."),
        lang: str = typer.Option("ru", "--lang", help="ru, kk or en."),
    ) -> None:
        """Preview the tasks the default playbook creates for a case."""
        from rich.console import Console
        from rich.table import Table

        from labormap import fmt
        from labormap.response import BODIES, CaseFacts, default_playbook, plan_tasks, select

        facts = CaseFacts(kind, tuple(cause), group, participants, workers, contractor, holding)
        sel = select(default_playbook(), facts)
        t = Table(title="Rules: " + ", ".join(sel.rule_ids))
        for col in ("due", "body", "action", "document"):
            t.add_column(col)
        for task in plan_tasks(sel, _date(opened)):
            t.add_row(
                fmt.date(task.due_on, lang),
                BODIES[task.body].short(lang),
                task.action.get(lang),
                task.document.get(lang),
            )
        Console().print(t)

    @sub.command("hearings")
    def hearings_cmd(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        as_of: str = typer.Option(None, "--as-of", help="Date YYYY-MM-DD (default today)."),
        per_region: int = typer.Option(5, "--per-region", help="Proposals per region."),
        region: list[str] = typer.Option([], "--region", help="Only these regions (2-digit KATO)."),
    ) -> None:
        """Propose high-risk employers for hearing at the regional tripartite commissions (item 13).

        Past hearings are kept by the web app; from the command line nobody counts as heard recently.
        """
        from rich.console import Console
        from rich.table import Table

        from labormap import i18n
        from labormap.reference import REGIONS
        from labormap.response.candidates import hearing_candidates
        from labormap.response.hearings import propose_hearings
        from labormap.warehouse import Warehouse

        d = _date(as_of)
        snap, cands = hearing_candidates(Warehouse(warehouse), d)
        if snap is None:
            typer.echo("error: no scores snapshot on or before this date", err=True)
            raise typer.Exit(2)
        if region:
            cands = [c for c in cands if c.region in set(region)]
        props = propose_hearings(cands, {}, d, per_region=per_region)
        t = Table(title=f"Hearings at the tripartite commissions — snapshot {snap.isoformat()}")
        for col in ("region", "#", "BIN", "employer", "score", "reason"):
            t.add_column(col)
        for reg, ps in props.items():
            for p in ps:
                c = p.candidate
                t.add_row(
                    i18n.label("region", reg, "ru") if reg in REGIONS else reg,
                    str(p.rank),
                    c.employer_bin,
                    c.name,
                    f"{c.score:.1f}",
                    c.reasons[0] if c.reasons else "",
                )
        Console().print(t)
