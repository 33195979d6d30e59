"""No tables: forecasts live in the warehouse (``derived/forecasts``), written by ``labormap forecast``;
the pages read them and never write there."""
