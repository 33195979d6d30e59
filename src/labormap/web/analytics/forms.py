"""The forecasts page has no form: it only shows what ``labormap forecast`` stored."""
