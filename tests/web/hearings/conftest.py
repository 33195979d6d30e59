"""The response apps share the case tests' role fixtures."""

from tests.web.cases.conftest import akimat47, ministry  # noqa: F401
