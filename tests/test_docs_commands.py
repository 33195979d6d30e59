"""Every ``labormap …`` command that README.md and docs/*.md show exists: its ``--help`` runs.

Commands are taken from inline code and code blocks. A command path is followed through the CLI's groups
(``labormap report daily`` → group ``report``, command ``daily``) until a leaf command; what follows a leaf
(options, arguments, placeholders) is not checked. Alternatives written ``daily|measures`` (or ``\\|`` in
tables) are each checked. A word after a group that is no subcommand of it fails the test, so a renamed
or removed command cannot stay in the docs; commands other helpers add pass as soon as they exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from labormap.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)
_CALL = re.compile(r"(?:^|[\s(=;&|])labormap((?:[ \t]+[^\s`]+)*)", re.M)
_WORD = re.compile(r"[a-z][a-z0-9_-]*")


def _paths(words: list[str], group: Any) -> list[tuple[str, ...]]:
    """Every command path the words name, following groups; ('?', word) marks an unknown subcommand."""
    out: list[tuple[str, ...]] = []

    # Typer vendors its own Click, so groups are recognised by their ``commands`` mapping, not by class
    def walk(prefix: tuple[str, ...], rest: list[str], node: Any) -> None:
        subcommands = getattr(node, "commands", None)
        if subcommands is None or not rest:
            out.append(prefix)
            return
        token = rest[0].replace("\\|", "|").strip(",.;:)")
        alternatives = token.split("|")
        if not all(_WORD.fullmatch(a) for a in alternatives):
            out.append(prefix)  # an option, a path or a placeholder: the group itself is the command
            return
        for alt in alternatives:
            sub = subcommands.get(alt)
            if sub is None:
                out.append((*prefix, "?", alt))
            else:
                walk((*prefix, alt), rest[1:], sub)

    walk((), words, group)
    return out


def _shown_commands() -> dict[tuple[str, ...], str]:
    root = typer.main.get_command(app)
    found: dict[tuple[str, ...], str] = {}
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in _CODE.finditer(text):
            code = m.group(1) or m.group(2)
            for call in _CALL.finditer(code):
                words = call.group(1).split()
                for path in _paths(words, root):
                    found.setdefault(path, f"{doc.name}: labormap{call.group(1)}")
    return found


SHOWN = _shown_commands()


def test_the_docs_show_commands_at_all() -> None:
    # guards the extraction itself: the README's command table alone names more than ten
    assert len([p for p in SHOWN if p and "?" not in p]) > 10


@pytest.mark.parametrize("path", sorted(SHOWN), ids=lambda p: " ".join(p) or "labormap")
def test_every_documented_command_exists(path: tuple[str, ...]) -> None:
    assert "?" not in path, f"unknown command {' '.join(path)!r} shown in {SHOWN[path]}"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, f"{SHOWN[path]}: {result.output}"


def test_an_unknown_command_in_the_docs_is_caught() -> None:
    root = typer.main.get_command(app)
    assert _paths(["web", "manage.py", "x"], root) == [("web",)]  # not a word: the group itself is shown
    assert ("?", "labormap-web") not in _paths(["serve"], root)
    assert _paths(["report", "daily\\|weekly"], root) == [("report", "daily"), ("report", "?", "weekly")]
    assert _paths(["nosuch", "--out", "F"], root) == [("?", "nosuch")]
