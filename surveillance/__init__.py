"""Population-level rules: incidence, smoothing, transmission levels, Rt, early warning (pure)."""
