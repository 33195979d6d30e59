"""The map is filtered with the employer list's filter (``employers.filters.EmployerFilter``) so both
pages count the same employers; this module names it for the map."""

from labormap.web.employers.filters import EmployerFilter

__all__ = ["EmployerFilter"]
