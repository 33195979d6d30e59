"""The web part of the security suite runs on the same Django set-up and world as tests/web."""

from tests.web.conftest import _fast_hashing, world, world_dir  # noqa: F401
