"""The subtask-1 file format: :mod:`narrascope.formats.semeval` (re-exported here)."""
from ..formats.semeval import (MAIN_ROLES, MentionRow, format_row, load_articles, locate, read_rows,  # noqa: F401
                               read_subtask1, write_rows, write_subtask1)
