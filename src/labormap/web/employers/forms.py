"""The employer pages submit no forms: the list's filter bar is ``EmployerFilter`` in ``filters.py``
(a GET form read from the query string), and decisions about an employer are made in the case apps."""
