"""LaborMap — the Labor Risk Map («Карта трудовых рисков») of Kazakhstan.

The engine (everything outside ``labormap.web``) is framework-free Python; the Django web
application in ``labormap.web`` sits on top of it and calls it.
"""

__version__ = "0.1.0"
