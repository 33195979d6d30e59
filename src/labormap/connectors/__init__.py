"""Connectors: registries pulled from other state systems' HTTP/JSON interfaces instead of file drops.

One interface (:class:`~labormap.connectors.base.Connector`: pages of rows since a cursor), one
implementation for HTTP/JSON APIs (:class:`~labormap.connectors.http.HttpJsonConnector`), configured in
YAML (:mod:`labormap.connectors.config`), so that adding the Ministry of Justice's or the police's
system is a configuration entry, not code. What a connector pulls lands as an ordinary drop folder and
goes through :func:`labormap.ingest.ingest_drop` like any file drop.
"""

from labormap.connectors.base import Connector, ConnectorError, PullResult, pull_into
from labormap.connectors.config import ConfigError, ConnectorConfig, load_config
from labormap.connectors.http import HttpJsonConnector

__all__ = [
    "ConfigError",
    "Connector",
    "ConnectorConfig",
    "ConnectorError",
    "HttpJsonConnector",
    "PullResult",
    "load_config",
    "pull_into",
]
