"""The analytical store: Parquet files under a warehouse folder, read through DuckDB views.

Layout of a warehouse folder ``WH``::

    WH/manifest.json                 committed ingest runs (written atomically; the only source of truth)
    WH/data/<registry>/run=<id>/…    rows loaded by one run (large registries: month=YYYY-MM/ sub-folders)
    WH/data/<registry>/_superseded/run=<id>.parquet   row ids replaced by a later version of their key
    WH/quarantine/run=<id>/<registry>.parquet         rejected rows with file, line and reasons
    WH/derived/<dataset>/…           datasets other engine parts publish (features, scores, media signals…);
                                     their layout and readers: ``labormap.warehouse.datasets``
    WH/drops/<source>-<stamp>/       drops the platform itself wrote and ingested (``labormap.ingest.drops``)
    WH/catalog.duckdb                the same views, for analysts' tools (rebuilt after each run)
"""

from labormap.warehouse.store import Warehouse, WarehouseError

__all__ = ["Warehouse", "WarehouseError"]
