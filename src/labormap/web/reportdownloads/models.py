"""No tables: a download is built on request from the warehouse and the case tables, and recorded in the
audit log (``accounts.AuditEvent`` with action ``export``)."""
