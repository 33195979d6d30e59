"""Features: what the registries say about every employer at an as-of date D, using only rows known on D.

Each family (workforce, wages, contributions, ЕСУТД, work time, arrears, agreements, contractors, media,
surveys, conflicts) is an Ibis function of the registry tables and D; :func:`feature_expr` joins them into
one expression that runs unchanged on DuckDB and Spark. :data:`FEATURES` is the catalogue.
"""

from labormap.features.asof import AsOf, month_ends, reference_period
from labormap.features.build import compute_features, compute_many, feature_expr
from labormap.features.catalog import ATTRIBUTES, FEATURE_NAMES, FEATURES, FEATURES_BY_NAME, Feature
from labormap.features.sources import ENGINES, Sources, open_sources

__all__ = [
    "ATTRIBUTES",
    "ENGINES",
    "FEATURES",
    "FEATURES_BY_NAME",
    "FEATURE_NAMES",
    "AsOf",
    "Feature",
    "Sources",
    "compute_features",
    "compute_many",
    "feature_expr",
    "month_ends",
    "open_sources",
    "reference_period",
]
