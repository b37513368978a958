"""Speed work that is not about what the app shows: when Python collects garbage, when a frame
is painted. Each module says the figure that justifies it (see ``benchmarks/``)."""
