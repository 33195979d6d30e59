"""Contractor chains and expected mass layoffs; service-contract terms; low pay and wage-raise plans.

Everything here is DuckDB SQL over the warehouse views (``labormap.warehouse``) at an as-of date D:
only rows known on D count (a service contract from its ``registered_on``, falling back to ``start_on``;
payments from ``paid_on``; labour contracts and their terminations from their registration dates).

- :mod:`labormap.layoffs.expected` — contracts ending in 3/6/12 months per customer, the month-by-month
  curve of workers expected to be released, large contracts ending with no successor.
- :mod:`labormap.layoffs.terms` — service-contract durations, chains of short renewals, long-contract share.
- :mod:`labormap.layoffs.lowpay` — workers paid below 1.1 МЗП and the regional and sectoral medians.
- :mod:`labormap.layoffs.plans` — wage-raise plans against later payments; annual report by region.
- :mod:`labormap.layoffs.note` — the «Справка» (DOCX, ru/kk/en).
"""

from labormap.layoffs.expected import Expected, expected_releases

__all__ = ["Expected", "expected_releases"]
