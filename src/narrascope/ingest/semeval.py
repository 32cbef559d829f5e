"""SemEval folders as ingest sees them: the layout lives in :mod:`narrascope.formats.semeval`."""
from ..formats.semeval import (DOCUMENT_DIRS, LANGUAGES, document_dirs, is_document_dir, is_semeval_name,  # noqa: F401
                               language_of)
