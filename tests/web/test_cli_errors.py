"""`labormap web …` turns mistakes the operator can fix into one line and exit 2, and lets bugs through."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import typer

from labormap.web.cli import _clear_errors
from labormap.web.conf import ConfigError, UserError


def _raise(exc: BaseException) -> None:
    with _clear_errors():
        raise exc


@pytest.mark.parametrize("make", [lambda: ConfigError("set X"), lambda: UserError("fix the input")])
def test_user_errors_exit_2_with_the_message(
    make: Callable[[], Exception], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as info:
        _raise(make())
    assert info.value.exit_code == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_publish_and_demo_errors_are_user_errors() -> None:
    # checked by type, not by comparing class names as strings
    from labormap.web.accounts.demo import DemoOnly
    from labormap.web.employers.publish import PublishError

    assert issubclass(PublishError, UserError) and issubclass(DemoOnly, UserError)


def test_other_exceptions_keep_their_traceback() -> None:
    with pytest.raises(KeyError):
        _raise(KeyError("a bug"))
