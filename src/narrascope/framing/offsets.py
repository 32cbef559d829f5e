"""SemEval offsets (UTF-16 units, inclusive end, CRLF kept): :mod:`narrascope.formats.semeval`."""
from ..formats.semeval import UTF16Index, read_raw  # noqa: F401
