"""Foreign formats: one module per format, each with export (and import where possible)."""
