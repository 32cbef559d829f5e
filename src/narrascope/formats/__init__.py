"""One module per external file format (SemEval-2025 Task 10: :mod:`narrascope.formats.semeval`)."""
