"""No tables of its own: the map summarises the employers' tables (``maps.summary``)."""
