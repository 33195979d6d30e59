"""Settings for type checking only: django-stubs' mypy plugin imports a settings module, and ours need a
secret key or demo mode. This one turns demo mode on for the mypy process and is never served."""

import os

os.environ.setdefault("LABORMAP_DEMO", "1")

from labormap.web.settings import *  # noqa: F403
