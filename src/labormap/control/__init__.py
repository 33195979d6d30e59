"""Inspection control cycles (issue 12): monthly contribution and ЕСУТД discipline, notices to employers,
whether they self-correct, the wage-arrears register and the monthly summary.

Engine only (no Django): ``monthly`` computes the month's findings in DuckDB SQL over the warehouse,
``notices`` renders letters, ``selfcorrect`` measures correction from later registry data, ``arrears_register``
lists inspection arrears cases, ``summary`` writes the XLSX for МинФин / МТСЗН.
"""

from labormap.control.kinds import CONTRIBUTIONS, FINDING_KINDS

__all__ = ["CONTRIBUTIONS", "FINDING_KINDS"]
