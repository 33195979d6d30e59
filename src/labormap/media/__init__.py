"""Media and internet monitoring: Russian and Kazakh publications in, labour-conflict signals out.

The pipeline (``labormap.media.pipeline.Analyzer``) runs on every publication:

normalise → language (ru / kk / other) → near-duplicate stories → fast lexicon triage →
for candidates only: named entities (natasha), employer linking, signal classification
(kind, causes, severity, participants, money amounts).

Collectors (RSS/Atom, article pages, Telegram exports, CSV/JSONL files) feed the warehouse's
``media_items`` registry through the ordinary ingest; ``labormap media process`` turns the registry
into the ``media_signals`` derived dataset that the risk features, the alerts and the employer
card read (see ``docs/media.md``).
"""

from labormap.media.kinds import KIND_PRIORITY, KINDS, SEVERITY_BY_KIND

__all__ = ["KINDS", "KIND_PRIORITY", "SEVERITY_BY_KIND"]
