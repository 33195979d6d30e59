"""The dashboard has no forms."""
