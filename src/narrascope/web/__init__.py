"""The dashboard: one HTML page, plain JavaScript and a vendored Chart.js, served by narrascope.api at ``/``."""
