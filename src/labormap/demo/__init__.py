"""``labormap demo``: the main job end to end on embedded defaults (see :mod:`labormap.demo.steps`)."""
