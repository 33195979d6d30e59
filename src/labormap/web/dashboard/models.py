"""No tables of its own: the dashboard reads the employers' tables (``employers.models``) and alerts."""
