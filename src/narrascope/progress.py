"""Progress on stderr for long work: items done, rate, ETA."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int | None = None, unit: str = "articles", stream=None, every: float = 1.0,
                 enabled: bool = True):
        self.total = total
        self.unit = unit
        self.stream = stream or sys.stderr
        self.every = every
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.t0 = time.perf_counter()
        self._last = 0.0

    def update(self, n: int = 1, failed: int = 0) -> None:
        self.done += n
        self.failed += failed
        now = time.perf_counter()
        if self.enabled and now - self._last >= self.every:
            self._last = now
            self._print(end="\r" if self.stream.isatty() else "\n")

    def line(self) -> str:
        elapsed = time.perf_counter() - self.t0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.done}" + (f"/{self.total}" if self.total else "") + f" {self.unit}"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        parts.append(f"{rate:.2f}/s")
        if self.total and rate > 0:
            remaining = max(self.total - self.done, 0) / rate
            parts.append(f"ETA {_hms(remaining)}")
        parts.append(f"elapsed {_hms(elapsed)}")
        return ", ".join(parts)

    def _print(self, end: str = "\n") -> None:
        print(self.line(), file=self.stream, end=end, flush=True)

    def close(self) -> None:
        if self.enabled:
            self._print()


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
