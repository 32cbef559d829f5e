"""The attribution lexicons, read once from the data files in ``lexicons/``.

Word lists are data so that a user can extend them (copy the folder, point
``[components.attribution] lexicons`` at it) without touching code.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import E, NarrascopeError


@dataclass
class Lexicon:
    speech_verbs: dict[str, int]  # lemma -> tier (1 statement, 2 belief)
    hedging_verbs: set[str]  # lemmas that hedge by themselves ("claim")
    media: list[str]  # longest first
    media_words: set[str]
    anonymous_heads: set[str]
    anonymous_phrases: list[str]
    hedges: list[str]
    person_roles: set[str]
    female_names: set[str]
    male_names: set[str]
    multilingual: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    speaker_heads: set[str] = field(default_factory=set)  # nouns that can head a speaker phrase (hand list + PolNeAR train)
    speaker_model: dict | None = None  # speaker_nouns.json: a vector model for nouns in no list
    non_speakers: set[str] = field(default_factory=set)  # non_speakers.txt: event nouns that never speak
    media_re: re.Pattern | None = None
    hedge_re: re.Pattern | None = None

    def __post_init__(self) -> None:
        self.media_re = re.compile(r"(?<![\w/])(" + "|".join(re.escape(m) for m in self.media) + r")(?![\w/])")
        self.hedge_re = re.compile(r"\b(" + "|".join(re.escape(h) for h in self.hedges) + r")\b", re.I)

    def first_name_gender(self, name: str, full: bool = True) -> str | None:
        """"f" / "m" for a first name: the hand lists first, then gender-guesser's dictionary of ~40,000 first names
        across countries (only names it gives as clearly one gender). ``full``: the name was followed by a surname;
        a lone word ("Clinton", "Paris") is too often a surname or a place to be read as a first name."""
        fn = name.lower()
        if fn in self.female_names:
            return "f"
        if fn in self.male_names:
            return "m"
        if not full or not name[:1].isupper():
            return None
        found = {"female": "f", "male": "m"}.get(_first_names().get_gender(name))
        # A name read differently in the English-speaking press ("Jan" is a man in most countries, a woman in the
        # US; "Rand" the other way round) gets no gender.
        for country in ("usa", "great_britain"):
            there = _first_names().get_gender(name, country)
            if found and there in ("female", "mostly_female", "male", "mostly_male") and there.rsplit("_", 1)[-1][0] != found:
                return None
        return found

    def is_first_name(self, name: str) -> bool:
        """A first name: the hand lists, or one gender-guesser gives as clearly male or female (its list also holds
        words like "General" and "York", so callers use it only where a role phrase already says a person is named)."""
        if name.lower() in self.female_names or name.lower() in self.male_names:
            return True
        return name[:1].isupper() and name[1:2].islower() and _first_names().get_gender(name) in ("male", "female")


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector as detector  # 0.12 s to read its name list; only when a name is looked up

    return detector.Detector(case_sensitive=False)


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise NarrascopeError(E.E201, path=path, detail=exc, task="attribution") from exc
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _tagged(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ln in lines:
        tag, _, value = ln.partition(":")
        out.setdefault(tag.strip(), []).append(value.strip())
    return out


@lru_cache(maxsize=4)
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Read the lexicons from ``folder`` (default: the ones shipped with narrascope)."""
    base = Path(folder) if folder else Path(str(resources.files("narrascope.attribution").joinpath("lexicons")))
    if not base.is_dir():
        raise NarrascopeError(E.E201, path=base, detail="no lexicon folder", task="attribution")
    verbs: dict[str, int] = {}
    hedging: set[str] = set()
    for ln in _lines(base / "speech_verbs.tsv"):
        parts = ln.split("\t")
        verbs[parts[0]] = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        if len(parts) > 2 and parts[2] == "hedge":
            hedging.add(parts[0])
    anon = _tagged(_lines(base / "anonymous.txt"))
    persons = _tagged(_lines(base / "persons.txt"))
    try:
        multi = json.loads((base / "multilingual.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise NarrascopeError(E.E201, path=base / "multilingual.json", detail=exc, task="attribution") from exc
    multi.pop("_comment", None)
    heads = {w.lower() for w in persons.get("speaker", [])}
    if (base / "speaker_heads.txt").exists():
        heads |= {w.strip().lower() for w in _lines(base / "speaker_heads.txt")}
    model = None
    if (base / "speaker_nouns.json").exists():
        try:
            model = json.loads((base / "speaker_nouns.json").read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise NarrascopeError(E.E201, path=base / "speaker_nouns.json", detail=exc, task="attribution") from exc
    return Lexicon(
        speech_verbs=verbs,
        hedging_verbs=hedging,
        media=sorted(set(_lines(base / "media.txt")), key=len, reverse=True),
        media_words=set(_lines(base / "media_words.txt")),
        anonymous_heads={w.lower() for w in anon.get("head", [])},
        anonymous_phrases=[p.lower() for p in anon.get("phrase", [])],
        hedges=sorted(set(_lines(base / "hedges.txt")), key=len, reverse=True),
        person_roles={w.lower() for w in persons.get("role", [])},
        female_names={w.lower() for w in persons.get("female", [])},
        male_names={w.lower() for w in persons.get("male", [])},
        multilingual=multi,
        speaker_heads=heads,
        speaker_model=model,
        non_speakers={w.strip().lower() for w in _lines(base / "non_speakers.txt")} if (base / "non_speakers.txt").exists() else set(),
    )
