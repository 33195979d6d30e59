"""Lossless ingest of registry drops: every input row ends in the warehouse or in quarantine with a reason."""

from labormap.ingest.pipeline import IngestError, ingest_drop

__all__ = ["IngestError", "ingest_drop"]
