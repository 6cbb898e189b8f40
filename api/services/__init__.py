"""Use cases: load, call the domain rules, persist; each function owns its transaction."""
