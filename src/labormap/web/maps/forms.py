"""The map has no forms of its own: its filter bar is the employer list's (``employers.filters``)."""
