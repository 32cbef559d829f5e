"""One embedding cache for the trainers: vectors keyed by embedder spec and the hash of the embedded text.

A cache folder holds one file per embedder spec, ``emb-<tag>.npz`` (``keys``: (n, 16) uint8, the first 16 bytes of the
SHA-1 digests of the texts, ``emb``: float16 rows). A text is embedded once whatever article, stage or trainer asks for it,
and a change of text (cleaning, splitting) misses the cache instead of reading stale vectors. Another
embedder's vectors live in a file of their own. No text is stored, only digests and vectors.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Sequence

import numpy as np


def spec_tag(spec: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in spec)[:40]
    return f"{safe}-{hashlib.sha1(spec.encode()).hexdigest()[:8]}"


def text_key(text: str, kind: str = "passage") -> bytes:
    return hashlib.sha1(f"{kind}\x00{text}".encode("utf-8")).digest()[:16]


class EmbeddingCache:
    """Vectors of texts by one embedder, in memory and (when ``folder`` is given) on disk."""

    def __init__(self, folder: str | Path | None, spec: str):
        self.folder = Path(folder) if folder else None
        self.spec = spec
        self._mem: dict[bytes, np.ndarray] = {}
        self._dirty = 0
        if self.path and self.path.is_file():
            with np.load(self.path) as d:
                keys, emb = d["keys"], d["emb"]
            if keys.dtype.kind == "S":  # (older files: fixed-width bytes lose trailing NULs when read back)
                keys = [bytes(k).ljust(16, b"\0") for k in keys]
            else:
                keys = [bytes(k) for k in np.asarray(keys, np.uint8).reshape(-1, 16)]
            self._mem = {k: emb[i] for i, k in enumerate(keys)}

    @property
    def path(self) -> Path | None:
        return self.folder / f"emb-{spec_tag(self.spec)}.npz" if self.folder else None

    def __len__(self) -> int:
        return len(self._mem)

    def get(self, text: str, kind: str = "passage") -> np.ndarray | None:
        v = self._mem.get(text_key(text, kind))
        return None if v is None else v.astype(np.float32)

    def put(self, texts: Sequence[str], vectors: np.ndarray, kind: str = "passage") -> None:
        for t, v in zip(texts, vectors):
            self._mem[text_key(t, kind)] = np.asarray(v, dtype=np.float16)
        self._dirty += len(texts)

    def embed(self, texts: Sequence[str], embed: Callable[[list[str]], np.ndarray], kind: str = "passage") -> np.ndarray:
        """Vectors of ``texts`` (float32 rows), embedding only the ones not cached (each distinct text once)."""
        missing = [t for t in dict.fromkeys(texts) if text_key(t, kind) not in self._mem]
        if missing:
            self.put(missing, np.asarray(embed(missing), dtype=np.float32), kind)
        if not len(texts):
            return np.zeros((0, 0), np.float32)
        return np.stack([self._mem[text_key(t, kind)] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self._mem)
        tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 16) if keys else np.zeros((0, 16), np.uint8),
                 emb=np.stack([self._mem[k] for k in keys]) if keys else np.zeros((0, 1), np.float16))
        os.replace(tmp, self.path)
        self._dirty = 0
