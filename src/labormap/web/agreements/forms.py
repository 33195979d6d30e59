"""No form with fields of its own: the findings, coverage and note pages take the half-year and region as
GET parameters, checked against the published half-years and the region list in ``views._half`` and
``views._region``; opening a case from a finding posts only the CSRF token."""
