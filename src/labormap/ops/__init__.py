"""Daily operations: one scheduled cycle that takes new registry drops through to the published map."""
