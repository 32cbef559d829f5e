"""The default pipeline configuration (default.toml)."""
