"""Find the actors of an article and merge their mentions.

English: spaCy NER (en_core_web_md, else en_core_web_sm) for PERSON / ORG /
GPE / NORP, plus the alias table. Other languages (best effort, no NER model
installs offline for them): the alias table (with word stems for Russian and
Bulgarian case endings) and a gazetteer of actor names seen in the SemEval
subtask-1 training mentions (names only, ``data/gazetteer.tsv``).

Merging, most certain first: (1) the alias table (``data/aliases.toml``:
"US" / "U.S." / "America" -> United States); (2) "Long Name (ACR)" in the text
makes ACR an alias; (3) a person's surname or first name alone joins the full
name used in the same article (the nearest one before it when two people share
it); (4) a title ("the Russian president") joins its person only when the
article names that person; (5) otherwise mentions with the same normalised
string. "The Kremlin" stays an organisation of its own (Russia's leadership),
capitals stay places, and a people ("Ukrainians") stays apart from its state.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import E, NarrascopeError

TYPES = ("PERSON", "ORG", "GPE", "NORP")
# Letters plus the combining marks of Devanagari etc., so whole-word matching works beyond \w.
_WORDCH = r"[\w\u0900-\u097F\u0300-\u036F]"
_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    source: str  # "ner" | "alias" | "gazetteer" | "title" | "acronym"


@dataclass
class Actor:
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass
class AliasTable:
    canonical: dict[str, tuple[str, str]]  # alias -> (name, type)
    stems: list[tuple[str, str, str]]  # (stem, name, type)
    titles: dict[str, list[str]]  # phrase -> candidate persons

    @classmethod
    def load(cls, path: str | Path | None = None) -> "AliasTable":
        if path is None:
            raw = resources.files("narrascope.framing").joinpath("data", "aliases.toml").read_bytes()
        else:
            raw = Path(path).read_bytes()
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise NarrascopeError(E.E102, path=path or "framing/data/aliases.toml", detail=exc) from exc
        canonical, stems, titles = {}, [], {}
        for a in data.get("actor", []):
            for alias in set(a.get("aliases", [])) | {a["name"]}:
                canonical[alias] = (a["name"], a.get("type", "ORG"))
            for st in a.get("stems", []):
                stems.append((st, a["name"], a.get("type", "ORG")))
        for t in data.get("title", []):
            for ph in t.get("phrases", []):
                titles.setdefault(ph, []).append(t["person"])
        return cls(canonical, stems, titles)

    def lookup(self, s: str) -> tuple[str, str] | None:
        raw = re.sub(r"\s+", " ", s).strip()
        s = normalise(s)
        for key in (raw, s, s + ".", "the " + s):
            hit = self.canonical.get(key)
            if hit:
                return hit
        for st, name, typ in self.stems:
            if s.startswith(st) and " " not in s[len(st):]:
                return name, typ
        return None


def normalise(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" \t\n\r\"'“”«»‘’.,;:()")
    s = _POSSESSIVE.sub("", s)
    return _LEADING.sub("", s)


def _finditer(phrase: str, text: str, stem: bool = False):
    pat = re.escape(phrase) + (_WORDCH + "*" if stem else "")
    return re.finditer(rf"(?<!{_WORDCH}){pat}(?!{_WORDCH})", text)


def load_spacy(name: str = "auto"):
    """The package's one English spaCy pipeline (:func:`narrascope.nlp.load_english`); None if not installed.
    Framing no longer loads a pipeline of its own: it reads ``article.analysis.doc``."""
    from ..nlp import load_english

    try:
        return load_english(None if name in ("auto", "", None) else name)
    except NarrascopeError:
        return None


@lru_cache(maxsize=1)
def default_aliases() -> "AliasTable":
    return AliasTable.load()


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> dict[str, tuple[str, str]]:
    """name -> (language, type) from data/gazetteer.tsv (name, language, type, articles)."""
    if path is None:
        res = resources.files("narrascope.framing").joinpath("data", "gazetteer.tsv")
        if not res.is_file():
            return {}
        text = res.read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    out = {}
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].strip():
            out[parts[0]] = (parts[1], parts[2])
    return out


class ActorFinder:
    def __init__(self, aliases: AliasTable | None = None, spacy_model: str = "auto", use_gazetteer: bool = True):
        self.aliases = aliases or AliasTable.load()
        self.spacy_model = spacy_model
        self.use_gazetteer = use_gazetteer

    # -- mention finding ---------------------------------------------------
    def mentions(self, text: str, language: str | None, doc=None) -> list[Mention]:
        """``doc``: the article's shared spaCy Doc (``article.analysis.doc``); parsed here only when a caller
        passes plain text without one."""
        found: list[Mention] = []
        if (language or "en") == "en":
            if doc is None:
                nlp = load_spacy(self.spacy_model)
                doc = nlp(text) if nlp is not None else None
            if doc is not None:
                for ent in doc.ents:
                    if ent.label_ not in TYPES:
                        continue
                    if ent.label_ == "NORP" and (ent.root.dep_ == "amod" or ent.root.pos_ == "ADJ"):
                        continue  # "Russian troops": an adjective, not an actor
                    s, e = _trim(text, ent.start_char, ent.end_char)
                    if e > s:
                        found.append(Mention(s, e, text[s:e], ent.label_, "ner"))
        for alias, (name, typ) in self.aliases.canonical.items():
            if alias in text:
                for m in _finditer(alias, text):
                    found.append(Mention(m.start(), m.end(), m.group(), typ, "alias"))
        for st, name, typ in self.aliases.stems:
            for m in _finditer(st, text, stem=True):
                found.append(Mention(m.start(), m.end(), m.group(), typ, "alias"))
        if self.use_gazetteer and (language or "en") != "en":
            for name, (lang, typ) in load_gazetteer().items():
                if name in text:
                    for m in _finditer(name, text):
                        found.append(Mention(m.start(), m.end(), m.group(), typ, "gazetteer"))
        return _drop_overlaps(found)

    # -- merging -------------------------------------------------------------
    def find_in(self, article) -> list[Actor]:
        """The actors of an article, reading its shared analysis (the one spaCy Doc)."""
        a = article.analysis
        doc = a.doc if a.has_parser else None
        return self.find(article.text, article.language, doc=doc)

    def find(self, text: str, language: str | None = None, doc=None) -> list[Actor]:
        mentions = self.mentions(text, language, doc=doc)
        actors: dict[str, Actor] = {}
        acronyms = {m.group(2): normalise(m.group(1)) for m in re.finditer(r"((?:[A-Z][\w'’-]+\s+){1,6}(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]+)\s+\(([A-Z]{2,6})\)", text)}

        def add(key: str, name: str, typ: str, m: Mention):
            a = actors.setdefault(key, Actor(name, typ))
            a.mentions.append(m)

        persons_full: list[tuple[int, str]] = []  # (position, full name) of multi-word person mentions
        pending: list[Mention] = []
        for m in sorted(mentions, key=lambda m: m.start):
            norm = normalise(m.text)
            if not norm:
                continue
            hit = self.aliases.lookup(norm)
            if hit:
                add(hit[0], hit[0], hit[1], m)
                continue
            paren = re.match(r"^(.*\S)\s*\(([A-Z]{2,6})\)?$", norm)
            if paren and paren.group(2) in acronyms:  # NER took "Long Name (ACR)" as one span
                norm = paren.group(1)
            if norm in acronyms:
                full = acronyms[norm]
                hit = self.aliases.lookup(full)
                # the same key as the long name's own mentions get below (folded), so "IEA" joins them
                add(hit[0] if hit else _fold(full), hit[0] if hit else full, m.type, m)
                continue
            if len(norm.split()) >= 2 and (m.type == "PERSON" or m.source == "gazetteer"):
                persons_full.append((m.start, norm))
                add(norm, norm, m.type, m)
                continue
            pending.append(m)
        # NER often misses a surname used alone later on ("Morrow said"): find those for named people.
        taken = [(m.start, m.end) for m in mentions]
        for surname in {full.split()[-1] for _, full in persons_full if actors.get(full) and actors[full].type == "PERSON"}:
            if len(surname) < 3 or not surname[:1].isupper():
                continue
            for mt in _finditer(surname, text):
                if not any(s < mt.end() and mt.start() < e for s, e in taken):
                    pending.append(Mention(mt.start(), mt.end(), mt.group(), "PERSON", "surname"))
                    taken.append((mt.start(), mt.end()))
        for m in pending:
            norm = normalise(m.text)
            if m.type == "PERSON" or (len(norm.split()) == 1 and norm[:1].isupper()):
                full = _person_for(norm, m.start, persons_full)
                if full:
                    add(full, full, actors[full].type if full in actors else "PERSON", m)
                    continue
            key = _fold(norm)
            if key in actors:
                actors[key].mentions.append(m)
            else:
                # The same actor under an inflected form or different case: fold to one key.
                add(key, norm, m.type, m)
        # Titles join a person named elsewhere in the article.
        for phrase, persons in self.aliases.titles.items():
            present = [p for p in persons if p in actors]
            if len(present) != 1 or phrase not in text:
                continue
            for mt in _finditer(phrase, text):
                clash = [(a, mm) for a in actors.values() for mm in a.mentions if mm.start < mt.end() and mt.start() < mm.end]
                if any(a.name == present[0] for a, _ in clash):
                    continue  # already a mention of that person
                # "the Kremlin leader": the title wins over the shorter "Kremlin" inside it.
                def inside(mm, lo=mt.start(), hi=mt.end()):
                    # within the phrase, or only a leading "the" outside it ("the Kremlin" in "the Kremlin leader")
                    return mm.end <= hi and (mm.start >= lo or text[mm.start:lo].strip().lower() in ("the", ""))

                if not all(inside(mm) for _, mm in clash):
                    continue
                for a, mm in clash:
                    a.mentions.remove(mm)
                actors[present[0]].mentions.append(Mention(mt.start(), mt.end(), mt.group(), "PERSON", "title"))
        out = []
        for a in actors.values():
            if not a.mentions:
                continue
            a.mentions.sort(key=lambda m: m.start)
            out.append(a)
        return sorted(out, key=lambda a: a.start)


def _person_for(token: str, pos: int, persons_full: list[tuple[int, str]]) -> str | None:
    """The full name whose surname or first name is ``token``; the nearest preceding one if several."""
    cands = [(p, full) for p, full in persons_full if token in (full.split()[-1], full.split()[0]) or full.endswith(" " + token)]
    names = {full for _, full in cands}
    if not names:
        return None
    if len(names) == 1:
        return names.pop()
    before = [c for c in cands if c[0] <= pos]
    return (max(before) if before else min(cands))[1]


def _fold(s: str) -> str:
    """Case- and inflection-insensitive key: Cyrillic words lose up to two final vowel/soft letters."""
    words = []
    for w in s.lower().split():
        if re.search(r"[а-яё]", w) and len(w) > 5:
            w = re.sub(r"[аеёиоуыэюяйьъ]{1,2}$", "", w)
        words.append(w)
    return " ".join(words)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    seg = text[s:e]
    m = _LEADING.match(seg)
    if m:
        s += m.end()
    m = re.search(r"['’]s?$", text[s:e])
    if m and e - s > 2:
        e = s + m.start()
    while e > s and text[e - 1] in " .,;:":
        e -= 1
    return s, e


def _drop_overlaps(ms: list[Mention]) -> list[Mention]:
    """Keep NER spans over table matches, longer over shorter, when mentions overlap."""
    rank = {"ner": 0, "alias": 1, "acronym": 1, "gazetteer": 2, "title": 3}
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start), rank.get(m.source, 9)))
    out: list[Mention] = []
    for m in ms:
        clash = [o for o in out if o.start < m.end and m.start < o.end]
        if not clash:
            out.append(m)
            continue
        o = clash[0]
        if (m.end - m.start) > (o.end - o.start) and rank[m.source] <= rank[o.source]:
            out.remove(o)
            out.append(m)
    return sorted(out, key=lambda m: m.start)
