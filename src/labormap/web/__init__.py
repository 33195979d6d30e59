"""The LaborMap web platform (Django): map, lists, cards, alerts, scoped access, REST API.

The engine never imports this package; this package calls the engine. ``labormap.web.ops`` holds the
plain functions (publish, demo accounts, serve) that the CLI and the demo orchestration call.
"""
