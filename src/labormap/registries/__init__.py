"""Registry contracts: one table per state source, every column with a type, a rule and a meaning."""

from labormap.registries.contracts import REGISTRIES
from labormap.registries.schema import REASONS, Column, ColumnType, Registry

__all__ = ["REASONS", "REGISTRIES", "Column", "ColumnType", "Registry"]
