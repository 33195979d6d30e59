"""The dashboard filters nothing itself: it shows the user's scope (``accounts.scope.scoped_employers``)
summarised with the employer filter's defaults (``employers.filters.EmployerFilter``)."""
