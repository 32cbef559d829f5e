"""The subtask-2 file format and the training data: :mod:`narrascope.formats.semeval` (re-exported here)."""
from ..formats.semeval import (Annotation, TrainingArticle, find_language_dirs, format_line,  # noqa: F401
                               load_training_data, read_annotations, write_annotations)
