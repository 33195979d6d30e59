"""``labormap control``: the monthly discipline findings, self-correction, the arrears register, summary."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typer

WarehouseOpt = typer.Option(..., "--warehouse", help="Warehouse folder.")
MonthOpt = typer.Option(..., "--month", help="Income month YYYY-MM.")
RegionOpt = typer.Option(None, "--region", help="Limit to one region (2-digit KATO).")
AsOfOpt = typer.Option(None, "--as-of", help="Use only what was known on this date (YYYY-MM-DD).")
LangOpt = typer.Option("ru", "--lang", help="Language of the XLSX: ru, kk or en.")


def _fail(msg: str) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(2)


def _date(s: str | None, opt: str) -> dt.date | None:
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        _fail(f"{opt} {s!r}: expected YYYY-MM-DD")
    return None


def _wh(path: Path) -> Any:
    from labormap.warehouse import Warehouse

    wh = Warehouse(path)
    if not wh.exists():
        _fail(f"{path}: not a warehouse (no manifest.json)")
    return wh


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    tmp.replace(path)


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Inspection control cycles: monthly contribution and ЕСУТД discipline, arrears, self-correction.",
        no_args_is_help=True,
    )
    app.add_typer(sub, name="control")

    @sub.command("monthly")
    def monthly(
        warehouse: Path = WarehouseOpt,
        month: str = MonthOpt,
        region: str | None = RegionOpt,
        json_out: Path = typer.Option(..., "--json", help="Findings as JSON."),
        out: Path | None = typer.Option(None, "--out", help="Summary with charts as XLSX."),
        as_of: str | None = AsOfOpt,
        lang: str = LangOpt,
        memory_limit: str = typer.Option("6GB", "--memory-limit", help="DuckDB memory limit."),
    ) -> None:
        """Findings of income month M: missing, short and late contributions, stopped payments, ЕСУТД."""
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from labormap.control.monthly import ControlError, monthly_control
        from labormap.control.summary import employer_lookup, write_summary

        if out is not None and out.suffix.lower() != ".xlsx":
            _fail("--out must end in .xlsx")
        if lang not in ("ru", "kk", "en"):
            _fail("--lang: ru, kk or en")
        wh = _wh(warehouse)
        d = _date(as_of, "--as-of")
        try:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()) as bar:
                task = bar.add_task(f"control {month}", total=None)
                con = wh.connect(memory_limit=memory_limit)
                res = monthly_control(wh, month, region=region, as_of=d, con=con)
                bar.update(task, description=f"control {month}: {len(res.findings)} findings")
                _write_json(json_out, res.as_json())
                if out is not None:
                    names = employer_lookup(con, [f.employer_bin for f in res.findings])
                    write_summary(res, out, employers=names, lang=lang)
                con.close()
        except ControlError as e:
            _fail(str(e))
        t = res.totals
        typer.echo(
            f"{res.month} (deadline {res.deadline}, {'final' if res.final else 'provisional'}): "
            f"{t['findings']} findings at {t['employers_with_findings']} of {t['employers_checked']} employers, "
            f"{t['amount_kzt']:,.0f} KZT → {json_out}" + (f", {out}" if out else "")
        )

    @sub.command("selfcorrection")
    def selfcorrection(
        warehouse: Path = WarehouseOpt,
        notices: Path = typer.Option(
            ..., "--notices", help="JSON list of notified findings: employer_bin, kind, month, due_on."
        ),
        as_of: str | None = AsOfOpt,
        json_out: Path = typer.Option(..., "--json", help="Outcomes and rates as JSON."),
    ) -> None:
        """Whether each notified finding was corrected by its due date, and the rate against non-notified peers."""
        from labormap.control.monthly import ControlError
        from labormap.control.selfcorrect import NoticeRef, measure

        wh = _wh(warehouse)
        try:
            raw = json.loads(notices.read_text(encoding="utf-8"))
            refs = [NoticeRef.from_dict(x) for x in raw]
        except (OSError, ValueError, KeyError, TypeError) as e:
            _fail(f"--notices {notices}: {e}")
        try:
            res = measure(wh, refs, as_of=_date(as_of, "--as-of"))
        except ControlError as e:
            _fail(str(e))
        _write_json(json_out, res.as_json())
        o = res.overall
        typer.echo(
            f"{o['notified']} notified, {o['corrected']} corrected by due date"
            + (f" ({o['rate']:.0%})" if o["rate"] is not None else "")
            + (f"; comparison {o['comparison_rate']:.0%}" if o["comparison_rate"] is not None else "")
            + f" → {json_out}"
        )

    @sub.command("arrears")
    def arrears(
        warehouse: Path = WarehouseOpt,
        region: str | None = RegionOpt,
        as_of: str | None = AsOfOpt,
        json_out: Path = typer.Option(..., "--json", help="Arrears cases as JSON."),
    ) -> None:
        """The wage-arrears register: every case with order, due date, repayments, overdue flag, enforcement."""
        from labormap.control.arrears_register import arrears_cases
        from labormap.control.monthly import ControlError

        wh = _wh(warehouse)
        try:
            cases = arrears_cases(wh, region=region, as_of=_date(as_of, "--as-of"))
        except ControlError as e:
            _fail(str(e))
        _write_json(json_out, [c.as_dict() for c in cases])
        overdue = sum(c.overdue for c in cases)
        typer.echo(f"{len(cases)} arrears cases, {overdue} with an overdue order → {json_out}")

    @sub.command("notices")
    def notices(
        warehouse: Path = WarehouseOpt,
        findings: Path = typer.Option(..., "--findings", help="JSON of `control monthly`."),
        out: Path = typer.Option(
            ..., "--out", help="ZIP of DOCX letters (one per employer) and register.csv."
        ),
        region: str | None = RegionOpt,
        kind: list[str] = typer.Option([], "--kind", help="Only these finding kinds (repeat)."),
        due_on: str | None = typer.Option(None, "--due-on", help="Due date (default: 30 days after today)."),
        lang: str = typer.Option("ru", "--lang", help="ru or kk."),
        register_file: Path = typer.Option(
            Path("outgoing-register.json"), "--register", help="Outgoing-number register (created if absent)."
        ),
        template: Path | None = typer.Option(
            None, "--template", help="Letter template YAML (default: built in)."
        ),
        inspector: str = typer.Option("", "--inspector", help="Signing inspector's name."),
    ) -> None:
        """Letters to employers for chosen findings, numbered from an outgoing register, as one ZIP."""
        import csv
        import io

        from labormap.control.kinds import FINDING_KINDS
        from labormap.control.notices import (
            NoticeContext,
            NoticeLine,
            TemplateError,
            default_template_text,
            file_name,
            parse_template,
            render_notice,
            zip_notices,
        )
        from labormap.control.summary import employer_lookup, region_name
        from labormap.i18n import gettext

        if lang not in ("ru", "kk"):
            _fail("--lang: ru or kk")
        bad = [k for k in kind if k not in FINDING_KINDS]
        if bad:
            _fail(f"--kind {', '.join(bad)}: unknown (one of {', '.join(FINDING_KINDS)})")
        due = _date(due_on, "--due-on") or dt.date.today() + dt.timedelta(days=30)
        try:
            data = json.loads(findings.read_text(encoding="utf-8"))
            month = str(data["month"])
            items = list(data["findings"])
        except (OSError, ValueError, KeyError, TypeError) as e:
            _fail(f"--findings {findings}: {e}")
        try:
            tpl = parse_template(
                template.read_text(encoding="utf-8") if template else default_template_text()
            )
        except (OSError, TemplateError) as e:
            _fail(f"--template: {e}")
        wh = _wh(warehouse)
        con = wh.connect(memory_limit="2GB")
        names = employer_lookup(con, [f["employer_bin"] for f in items])
        con.close()
        by_emp: dict[str, list[dict[str, Any]]] = {}
        for f in items:
            reg = names.get(f["employer_bin"], ("", ""))[1]
            if (region and reg != region) or (kind and f["kind"] not in kind):
                continue
            by_emp.setdefault(f["employer_bin"], []).append(f)
        register: dict[str, int] = (
            json.loads(register_file.read_text(encoding="utf-8")) if register_file.exists() else {}
        )
        today = dt.date.today()
        files: list[tuple[str, bytes]] = []
        index = io.StringIO()
        w = csv.writer(index)
        w.writerow(["number", "date", "employer_bin", "month", "due_on", "kinds"])
        for b, fs in sorted(by_emp.items()):
            name, reg = names.get(b, (b, ""))
            key = f"{reg or '00'}-{today.year}"
            register[key] = register.get(key, 0) + 1
            number = f"{key}/{register[key]:04d}"
            rname = region_name(reg, lang) if reg else ""
            ctx = NoticeContext(
                number=number,
                date=today,
                employer=name,
                bin=b,
                month=month,
                due_on=due,
                region=rname,
                inspector=inspector,
                body=gettext("Labour inspection, {region}", lang).format(region=rname),
                lines=[NoticeLine(f["kind"], f["workers"], f["amount_kzt"], f["days_late"]) for f in fs],
            )
            files.append((file_name(number), render_notice(tpl, ctx, lang)))
            w.writerow(
                [number, today.isoformat(), b, month, due.isoformat(), ";".join(f["kind"] for f in fs)]
            )
        files.append(("register.csv", index.getvalue().encode("utf-8-sig")))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(zip_notices(files))
        _write_json(register_file, register)
        typer.echo(f"{len(files) - 1} letters → {out}; register {register_file}")

    @sub.command("summary")
    def summary(
        warehouse: Path = WarehouseOpt,
        month: str = MonthOpt,
        out: Path = typer.Option(..., "--out", help="XLSX with charts."),
        region: str | None = RegionOpt,
        selfcorrection_json: Path | None = typer.Option(
            None, "--selfcorrection", help="JSON of `control selfcorrection` to add its rates."
        ),
        as_of: str | None = AsOfOpt,
        lang: str = LangOpt,
    ) -> None:
        """Monthly summary for МинФин and МТСЗН: by kind and region, with charts (and self-correction rates)."""
        from labormap.control.monthly import ControlError, monthly_control
        from labormap.control.summary import employer_lookup, write_summary

        if out.suffix.lower() != ".xlsx":
            _fail("--out must end in .xlsx")
        if lang not in ("ru", "kk", "en"):
            _fail("--lang: ru, kk or en")
        wh = _wh(warehouse)
        sc = None
        if selfcorrection_json is not None:
            try:
                raw = json.loads(selfcorrection_json.read_text(encoding="utf-8"))
                sc = [raw["overall"], *raw["by_kind"]]
            except (OSError, ValueError, KeyError, TypeError) as e:
                _fail(f"--selfcorrection: {e}")
        try:
            con = wh.connect(memory_limit="6GB")
            res = monthly_control(wh, month, region=region, as_of=_date(as_of, "--as-of"), con=con)
            names = employer_lookup(con, [f.employer_bin for f in res.findings])
            con.close()
        except ControlError as e:
            _fail(str(e))
        write_summary(res, out, employers=names, lang=lang, selfcorrection=sc)
        typer.echo(f"wrote {out}")
