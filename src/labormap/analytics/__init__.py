"""Analytics and forecasts: the ten-year retrospective, aggregate conflict forecasts with intervals, and
forecasts checked against what happened (roadmap item 7)."""
