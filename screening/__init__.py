"""Individual-level rules: questionnaires as data, their validation and scoring (standard library only)."""
