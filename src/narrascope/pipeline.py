"""The pipeline: an ordered list of named components built from a config.

Like spaCy's ``nlp``: ``Pipeline.from_config(load_config())`` then
``pipeline(article)`` or ``pipeline.pipe(articles)``. A component that fails
on one article leaves a warning on it (E103) and the next stages still run.
"""
from __future__ import annotations

import copy
import time
import tomllib
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .config import defaults
from .doc import Article
from .errors import E, NarrascopeError
from .registry import get_factory


def restrict_stages(config: dict[str, Any], only: str | None) -> dict[str, Any]:
    """Keep only the named stages (comma-separated, in the config's order): ``--only`` of the commands.
    An unknown name is an error (E101), not a silently empty pipeline."""
    if not only:
        return config
    wanted = [n.strip() for n in only.split(",") if n.strip()]
    stages = config["pipeline"]["components"]
    unknown = [n for n in wanted if n not in stages]
    if unknown or not wanted:
        raise NarrascopeError(E.E101, name=",".join(unknown) or only, available=", ".join(stages))
    config["pipeline"]["components"] = [c for c in stages if c in wanted]
    return config


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The default config, updated by a user's TOML file and overrides."""
    config = defaults()
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NarrascopeError(E.E102, path=path, detail=exc) from exc
        _merge(config, user)
    if overrides:
        _merge(config, overrides)
    return config


def _merge(base: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


class Pipeline:
    def __init__(self, components: list[tuple[str, Callable[[Article], Article]]], config: dict | None = None):
        self.components = components
        self.config = config or {}

    @classmethod
    def from_config(cls, config: dict[str, Any] | None = None, *, only: Iterable[str] | None = None,
                    exclude: Iterable[str] = ()) -> "Pipeline":
        config = copy.deepcopy(config) if config is not None else load_config()
        from .analysis import configure

        configure(config.get("analysis"))  # the shared analysis: embedder and parser every stage reads
        names = list(config.get("pipeline", {}).get("components", []))
        if only is not None:
            only = list(only)
            names = [n for n in names if n in only]
        names = [n for n in names if n not in set(exclude)]
        built = []
        for name in names:
            factory = get_factory(name)
            built.append((name, factory(config.get("components", {}).get(name, {}) or {})))
        return cls(built, config)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.components]

    def get(self, name: str):
        for n, c in self.components:
            if n == name:
                return c
        raise KeyError(name)

    def describe(self) -> list[dict[str, Any]]:
        """Each stage in order with what it reads and writes (see :func:`describe_stages`)."""
        return describe_stages(self.names, dict(self.components))

    def __call__(self, article: Article) -> Article:
        for name, comp in self.components:
            _run(name, comp, article)
        return article

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        """Run over many articles; components with a ``pipe`` method get batches."""
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> list[Article]:
        for name, comp in self.components:
            batch_fn = getattr(comp, "pipe", None)
            if batch_fn is None:
                for art in batch:
                    _run(name, comp, art)
                continue
            t0 = time.perf_counter()
            try:
                batch_fn(batch)
                per = (time.perf_counter() - t0) / max(len(batch), 1)
                for art in batch:
                    art.timings[name] = round(art.timings.get(name, 0.0) + per, 6)
            except Exception:
                # Fall back to one by one so one bad article does not sink the batch.
                for art in batch:
                    _run(name, comp, art)
        return batch


def describe_stages(names: Iterable[str], components: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Stages in order with what each reads and writes, and which shared analysis pieces it computes
    (the first stage that requires a piece computes it). Built components may override the declarations
    of ``registry.DECLARED`` with ``requires`` / ``assigns`` attributes; no model is loaded for this."""
    from .registry import DECLARED

    rows, seen = [], set()
    for name in names:
        comp = (components or {}).get(name)
        decl = DECLARED.get(name, {})
        requires = list(getattr(comp, "requires", None) or decl.get("requires", ["?"]))
        assigns = list(getattr(comp, "assigns", None) or decl.get("assigns", ["?"]))
        computes = [r for r in requires if r.startswith("analysis.") and r not in seen]
        seen.update(computes)
        rows.append({"name": name, "requires": requires, "assigns": assigns, "computes": computes})
    return rows


def _run(name: str, comp: Callable[[Article], Article], article: Article) -> None:
    t0 = time.perf_counter()
    try:
        comp(article)
    except NarrascopeError as exc:
        article.warnings.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - reported on the article, the batch goes on
        article.warnings.append(str(NarrascopeError(E.E103, name=name, id=article.id, detail=f"{type(exc).__name__}: {exc}")))
    article.timings[name] = round(article.timings.get(name, 0.0) + time.perf_counter() - t0, 6)
