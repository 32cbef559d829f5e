"""Bundled JSON Schema of the analysed article."""
