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

What is not an actor: a table match inside a longer name ("West" in "West Antarctica", found by any NER span
or, in English, by a capitalised neighbour: ``in_longer_name``), and the tagger's name fragments ("State" of
"Secretary of State", lower-case "fed", a lone "Lo" that no full name in the article explains).
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
# NER labels whose spans are names (a place, a building, an event...): no alias matches inside a longer one.
_NON_NAME_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Words that may stand next to a name without making a longer name of it: titles and honorifics before a
# person ("President Putin"), offices after an organisation or state ("NATO Secretary General", "US President").
_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "lord", "lady", "dame", "president", "premier", "prime",
    "minister", "chancellor", "king", "queen", "prince", "princess", "tsar", "czar", "emperor", "comrade", "general",
    "gen", "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "secretary", "commissioner",
    "ambassador", "envoy", "leader", "chairman", "chairwoman", "chair", "director", "dictator", "pope", "patriarch",
    "marshal", "colonel", "col", "captain", "capt", "spokesman", "spokeswoman", "spokesperson", "vice", "deputy",
    "foreign", "defence", "defense", "former", "ex", "acting", "chief", "head", "herr", "madame", "monsieur", "senhor", "senhora",
    "presidente", "ministro", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "on", "in", "at", "but", "and", "or", "as", "so", "if", "when", "while", "after",
    "before", "since", "then", "now", "meanwhile", "also", "that", "this", "it", "he", "she",
    "we", "they", "i", "you", "the", "a", "an", "by", "for", "from", "to", "with", "of", "not", "no", "why", "how",
    "what", "where", "who", "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
}
# Words that make a longer place name even at the start of a sentence ("North Korea", "West Antarctica").
_NAME_FORMING = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
                 "new", "upper", "lower", "old", "soviet", "imperial"}
# What ends a sentence before a word (a full stop, perhaps inside closing quotes; a colon; a line break);
# a closing quote alone does not: "...,” German Defense Minister Boris Pistorius warned".
_SENTENCE_END = re.compile(r"(?:[.!?…:;][\"”’»)\]]*|\n)\s*$")
_CAP_WORD = re.compile(r"[^\W\d_][\w’'.-]*$")
# Sentence adverbs and conjunctions that the tagger folds into the name after them ("Later von der Leyen",
# "Meanwhile Viktor Orban"): never the first word of a name. Weekdays, months and words that do start names
# ("Sunday Times", "Still Waters", "Only Fools") are not here.
_OPENERS = {
    "later", "earlier", "meanwhile", "meantime", "however", "yesterday", "today", "tonight", "tomorrow", "now",
    "then", "also", "thus", "hence", "moreover", "furthermore", "nevertheless", "nonetheless", "instead",
    "yet", "but", "and", "or", "so", "indeed", "finally", "afterwards", "afterward", "recently", "previously",
    "separately", "similarly", "likewise", "additionally", "again", "already", "perhaps", "when",
    "while", "after", "before", "since", "although", "though", "because", "if", "once", "unlike", "whereas",
    "here", "there", "subsequently", "eventually", "ultimately", "apparently", "clearly", "obviously", "notably",
    "ironically", "reportedly", "allegedly", "currently", "initially", "besides", "consequently", "therefore",
    "accordingly", "surely", "certainly", "presumably", "fortunately", "unfortunately", "sadly", "tellingly",
}


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
    not_actors: frozenset[str] = frozenset()  # normalised, lower-cased names the tagger finds that are no actor

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
        not_actors = frozenset(normalise(n).lower() for n in data.get("not_actors", {}).get("names", []))
        return cls(canonical, stems, titles, not_actors)

    def lookup(self, s: str) -> tuple[str, str] | None:
        raw = re.sub(r"\s+", " ", s).strip()
        s = normalise(s)
        keys = [raw, s, s + ".", "the " + s]
        if " " not in s and len(s) > 4 and s.isupper():
            keys.append(s.capitalize())  # "RUSSIA" in a shouted headline
        if " " not in s and 2 < len(s) <= 5 and s[:1].isupper() and s[1:].islower():
            keys.append(s.upper())  # "Nato", as British papers spell acronyms
        for key in keys:
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


def _neighbour_words(text: str, s: int, e: int) -> tuple[tuple[str, str] | None, tuple[str, str] | None, bool]:
    """The words joined to text[s:e] on the same line, each as (word, joiner: " " or "-"), and whether the
    left one opens its sentence."""
    left = right = None
    opens = False
    lm = re.search(r"(\S+?)([ \t\u00a0]+|-)$", text[max(0, s - 40):s])
    if lm:
        left = (lm.group(1), "-" if lm.group(2) == "-" else " ")
        ls = s - len(lm.group(0))
        before = text[max(0, ls - 3):ls]
        opens = ls == 0 or before.endswith("\n") or bool(_SENTENCE_END.search(before))
    rm = re.match(r"([ \t\u00a0]+|-)(\S+)", text[e:e + 40])
    if rm:
        right = (rm.group(2), "-" if rm.group(1) == "-" else " ")
    return left, right, opens


def _title_case_line(text: str, pos: int) -> bool:
    """A headline in title case ("West Warns Russia Over Ukraine Talks"): every word is capitalised, so a
    capitalised neighbour says nothing about a longer name."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    words = re.findall(r"[^\W\d_][\w’'-]*", text[ls:le if le >= 0 else len(text)])
    # prose always has some lower-case word of four letters or more; a title-case headline has none
    return len(words) >= 3 and not any(len(w) > 3 and w[:1].islower() for w in words)


def in_longer_name(text: str, s: int, e: int, names: list[tuple[int, int]] = (), runs: bool = True) -> bool:
    """Is text[s:e] part of a longer proper name ("West" in "West Antarctica", "Korea" in "North Korea",
    "Russia" in "Russia Today")? Either a longer NER name span (``names``, any label but numbers and dates)
    covers it, or a capitalised word stands right next to it that is not a title, an office or a function
    word ("President Putin" and "NATO Secretary General" stay mentions of Putin and NATO). A possessive
    ("Biden's America"), an aside in brackets ("European Union (EU)") or a title-case headline line is no
    evidence. ``runs=False``: the NER spans only (Russian and Bulgarian put a country's genitive next to a
    person's name, "президент России Владимир Путин", so capitalised neighbours say nothing there)."""
    if any(bs <= s and e <= be and be - bs > e - s for bs, be in names):
        return True
    if not runs:
        return False
    left, right, opens = _neighbour_words(text, s, e)

    def name_word(w: str) -> bool:
        if w[:1] in "([" or w[-1:] in ")]":
            return False  # an aside: "European Union (EU)", "(EU) Commission"
        w = w.strip("\"“”«»‘’,;:!?")
        # every part of a hyphenated word capitalised: "Forum-aligned Netherlands" is no longer name
        return (bool(w) and bool(_CAP_WORD.match(w)) and all(p[:1].isupper() for p in w.split("-") if p)
                and w.lower().rstrip(".") not in _TITLE_WORDS)

    longer = False
    if left is not None:
        w, joiner = left
        if joiner == "-":  # "North-West"; not "Russia-Ukraine", two actors
            longer = w.lower() in _NAME_FORMING
        elif name_word(w) and not re.search(r"['’]s?$|[,.;:]$", w):
            # a sentence's first word ("Yesterday Russia ...") is capitalised anyway, unless it forms place names
            longer = not opens or w.lower() in _NAME_FORMING
    if right is not None and not longer:
        w, joiner = right
        w = w.rstrip(".,;:!?\"”’)]")
        longer = w.lower() in _NAME_FORMING if joiner == "-" else name_word(w)
    if not longer:
        return False
    return not _title_case_line(text, s)


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
        names: list[tuple[int, int]] = []  # every NER name span: table matches must not fall inside a longer one
        runs = (language or "en") == "en"  # the capitalised-neighbour rule: English only (see in_longer_name)
        if (language or "en") == "en":
            if doc is None:
                nlp = load_spacy(self.spacy_model)
                doc = nlp(text) if nlp is not None else None
            if doc is not None:
                for ent in doc.ents:
                    if ent.label_ not in _NON_NAME_LABELS:
                        names.append(_trim(text, ent.start_char, ent.end_char))
                    if ent.label_ not in TYPES:
                        continue
                    if ent.label_ == "NORP" and (ent.root.dep_ == "amod" or ent.root.pos_ == "ADJ"):
                        continue  # "Russian troops": an adjective, not an actor
                    s, e = _cut_openers(text, *_trim(text, ent.start_char, ent.end_char))
                    if ent.label_ == "PERSON":
                        s = _with_particles(doc, ent, s)
                    if ent.label_ == "ORG" and self._headline_piece(text, s, e, ent):
                        names.remove(_trim(text, ent.start_char, ent.end_char))  # its words may still be names
                        continue
                    if normalise(text[s:e]).lower() in self.aliases.not_actors:
                        continue  # a holiday, a weather pattern, a state of the past ("Easter", "El Niño")
                    if e > s and not _not_a_name(text, s, e, ent.label_):
                        found.append(Mention(s, e, text[s:e], ent.label_, "ner"))
        for alias, (name, typ) in self.aliases.canonical.items():
            if alias in text:
                for m in _finditer(alias, text):
                    if not in_longer_name(text, m.start(), m.end(), names, runs):
                        found.append(Mention(m.start(), m.end(), m.group(), typ, "alias"))
        for st, name, typ in self.aliases.stems:
            for m in _finditer(st, text, stem=True):
                if not in_longer_name(text, m.start(), m.end(), names, runs):
                    found.append(Mention(m.start(), m.end(), m.group(), typ, "alias"))
        if self.use_gazetteer and (language or "en") != "en":
            for name, (lang, typ) in load_gazetteer().items():
                if name in text:
                    for m in _finditer(name, text):
                        if not in_longer_name(text, m.start(), m.end(), names, runs):
                            found.append(Mention(m.start(), m.end(), m.group(), typ, "gazetteer"))
        return _drop_overlaps(found)

    def _headline_piece(self, text: str, s: int, e: int, ent) -> bool:
        """An "organisation" the tagger makes of a phrase that opens with a verb ("Subjugate Europe"), or of a
        piece of a title-case headline that holds a verb ("Data Refutes Media") or that the prose writes in lower
        case ("Full-Spectrum Psyop" / "a full-spectrum psyop"). It is no proper name unless the alias table knows
        it, it is an acronym, or the prose uses the same words again with capitals ("Save the Children" recurs).
        Names alone on a title-case line stay ("By Jane Roe of Remix News", "Australian Associated Press")."""
        seg = normalise(text[s:e])
        if not seg or self.aliases.lookup(seg) or re.fullmatch(r"[A-Z0-9&.]+", seg):
            return False
        tokens = [t for t in ent if t.idx >= s and t.idx < e]
        if not tokens:
            return False
        verb_first = tokens[0].pos_ == "VERB"
        if not verb_first:
            if not _title_case_line(text, s):
                return False
            verb = (any(t.pos_ == "VERB" or t.tag_ in ("VBZ", "VBD", "VBP") for t in tokens)
                    or _verb_in_lower_case(text, s, e))
            if not verb and not re.search(rf"(?<!{_WORDCH}){re.escape(seg.lower())}(?!{_WORDCH})", text):
                return False
        for m in _finditer(seg, text):
            if not (s <= m.start() < e) and not _title_case_line(text, m.start()):
                return False
        return True

    # -- merging -------------------------------------------------------------
    def find_in(self, article) -> list[Actor]:
        """The actors of an article, reading its shared analysis (the one spaCy Doc)."""
        a = article.analysis
        doc = a.doc if a.has_parser else None
        return self.find(article.text, article.language, doc=doc)

    def find(self, text: str, language: str | None = None, doc=None) -> list[Actor]:
        mentions = self.mentions(text, language, doc=doc)
        actors: dict[str, Actor] = {}
        # "Intergovernmental Panel on Climate Change (IPCC)": the long name may hold lower-case joining words
        long_names = list(re.finditer(r"((?:[A-Z][\w'’-]+\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?){1,7}[A-Z][\w'’-]+)"
                                      r"\s+\(([A-Z]{2,6})\)", text))
        acronyms = {m.group(2): normalise(m.group(1)) for m in long_names}
        mentions = _widen_to_long_names(mentions, [(m.start(1), m.end(1)) for m in long_names], text)

        def add(key: str, name: str, typ: str, m: Mention):
            a = actors.setdefault(key, Actor(name, typ))
            a.mentions.append(m)

        # Russian declines names: "Андрея Ермака", "Киева", "Владимиром Путиным" are named in the nominative, so
        # they meet the alias table and the same actor's other mentions ("Ермак", "Киев", "Путин").
        if (language or "").lower().startswith("ru"):
            from ..morphology import name_in_nominative as as_named
        else:
            def as_named(s: str) -> str:
                return s

        persons_full: list[tuple[int, str]] = []  # (position, full name) of multi-word person mentions
        pending: list[Mention] = []
        for m in sorted(mentions, key=lambda m: m.start):
            norm = normalise(m.text)
            if not norm:
                continue
            hit = self.aliases.lookup(norm)
            if not hit:
                norm = as_named(norm)
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
                # "российские войска" mid-sentence after "Российские войска" opening one: the same actor
                norm = next((k for k in actors if k.lower() == norm.lower()), norm)
                persons_full.append((m.start, norm))
                add(norm, norm, m.type, m)
                continue
            pending.append(m)
        # "von der Leyen" after "Ursula von der Leyen": a shorter full name ending a longer one is that person.
        for short in sorted({n for _, n in persons_full}, key=len):
            longer = {n for _, n in persons_full if n.endswith(" " + short) and n in actors}
            if len(longer) == 1 and short in actors and actors[short].type == "PERSON":
                actors[longer.pop()].mentions += actors.pop(short).mentions
        persons_full = [(p, n) for p, n in persons_full if n in actors]
        # NER often misses a surname used alone later on ("Morrow said"): find those for named people.
        taken = [(m.start, m.end) for m in mentions]
        for surname in {_name_words(full)[-1] for _, full in persons_full if actors.get(full) and actors[full].type == "PERSON"}:
            if len(surname) < 3 or not surname[:1].isupper():
                continue
            for mt in _finditer(surname, text):
                if not any(s < mt.end() and mt.start() < e for s, e in taken):
                    pending.append(Mention(mt.start(), mt.end(), mt.group(), "PERSON", "surname"))
                    taken.append((mt.start(), mt.end()))
        for m in pending:
            norm = as_named(normalise(m.text))
            if m.type == "PERSON" or (len(norm.split()) == 1 and norm[:1].isupper()):
                full = _person_for(norm, m.start, persons_full)
                if full:
                    add(full, full, actors[full].type if full in actors else "PERSON", m)
                    continue
            if len(norm.replace(".", "")) < 3 and not norm.isupper():
                continue  # "Lo", "Mo": a piece of a name that no full name in the article explains
            if m.type == "ORG":
                # "the Herald" after "The Northgate Herald": the organisation named in full in the article;
                # "the Intergovernmental Panel": the start of a long name spelled out before its acronym
                longs = {_fold(v) for v in acronyms.values()}
                orgs = {k for k, a in actors.items() if a.type == "ORG" and " " in a.name and (
                    (" " not in norm and a.name.split()[-1] == norm)
                    or (k in longs and k.startswith(_fold(norm) + " ")))}
                if len(orgs) == 1:
                    actors[orgs.pop()].mentions.append(m)
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


def _widen_to_long_names(mentions: list[Mention], spans: list[tuple[int, int]], text: str) -> list[Mention]:
    """A tagger's piece of a long name spelled out before its acronym ("Intergovernmental Panel" of
    "Intergovernmental Panel on Climate Change (IPCC)") becomes that long name."""
    out, seen = [], set()
    for m in mentions:
        span = next(((s, e) for s, e in spans if s <= m.start and m.end <= e and (s, e) != (m.start, m.end)), None)
        if span is None:
            out.append(m)
        elif span not in seen:
            seen.add(span)
            s, e = _trim(text, *span)
            out.append(Mention(s, e, text[s:e], "ORG", "acronym"))
    # the widened span may now cover other mentions inside it
    return [m for m in out if m.source == "acronym" or not any(
        o.source == "acronym" and o.start <= m.start and m.end <= o.end and o is not m for o in out)]


_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}


def _name_words(full: str) -> list[str]:
    """The words of a full name without a generational suffix ("Roger Pielke Jr": surname Pielke)."""
    w = full.split()
    return w[:-1] if len(w) > 2 and w[-1] in _SUFFIXES else w


def _person_for(token: str, pos: int, persons_full: list[tuple[int, str]]) -> str | None:
    """The full name whose surname or first name is ``token``; the nearest preceding one if several."""
    cands = [(p, full) for p, full in persons_full
             if token in (_name_words(full)[-1], full.split()[0]) or " ".join(_name_words(full)).endswith(" " + token)]
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


_PARTICLES = {"von", "van", "der", "den", "de", "la", "da", "del", "di", "du", "bin", "ibn", "al", "el", "le"}


def _with_particles(doc, ent, s: int) -> int:
    """Start a person's name at its lower-case particles, which the tagger often leaves out ("von der Leyen"),
    and at the first name before them when the parse calls it a proper noun ("Ursula von der Leyen")."""
    i = ent.start
    while i > 0 and doc[i - 1].text in _PARTICLES and i > ent.start - 3:
        i -= 1
    if i == ent.start:
        return s
    prev = doc[i - 1] if i > 0 else None
    # not a sentence's first word: the tagger calls "Later" a proper noun there too
    opens = prev is not None and (prev.i == 0 or bool(_SENTENCE_END.search(doc.text[max(0, prev.idx - 4):prev.idx])))
    if (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not opens
            and prev.lower_ not in _TITLE_WORDS):
        i -= 1
    return min(s, doc[i].idx)


_MARKUP = re.compile(r"[<>{}\[\]|=#@_\\/]")


# A heading the extraction ran into the sentence after it: a word ends in a sentence opener ("GridsAs", "Planet’What";
# not "In" / "It": "LinkedIn").
_GLUED_HEADING = re.compile(r"[a-z]{3,}[’']?(?:As|What|How|Why|The|If|But|And|So|We|Is|Do|Does|Can|This|That|When|"
                            r"Where|Who|Our|There|Here)\b")
# What follows a dateline's place: an optional date or agency, then a dash ("LONDON —", "KYIV, May 3 (Reuters) -").
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*(?:--|[-–—])\s")


def _common_noun_opening(text: str, s: int, e: int) -> bool:
    """One capitalised word opening a sentence that the text also writes in lower case (its singular or plural
    too): a common noun the tagger took for a group's name ("Farmers …" beside "one farmer")."""
    seg = text[s:e]
    if " " in seg or not (seg[:1].isupper() and seg[1:].islower()) or len(seg) < 4:
        return False
    if not (s == 0 or re.search(r"(?:[.!?]['\"”’)]*\s+|\n\s*)$", text[max(0, s - 4):s])):
        return False
    stem = seg.lower()[:-1] if seg.lower().endswith("s") else seg.lower()
    if stem.endswith(("ist", "ite", "crat")):
        return False  # "Globalists", "Elites", "Democrats": a camp the text may cast, whatever its case elsewhere
    return bool(re.search(rf"\b{re.escape(stem)}(?:s|es)?\b", text))  # case-sensitive: a lower-case use


def _not_a_name(text: str, s: int, e: int, label: str) -> bool:
    """An NER span that is no actor's name: no capital letter in a script that has them ("fed", "antonov"),
    or a one-word organisation / place that is only a piece of a longer name the tagger cut ("State" in
    "Secretary of State Antony Blinken", "Defense" in "German Defense Minister"). Too-short names are
    judged in ``find``, where the article's full names are known."""
    seg = text[s:e]
    cased = [c for c in seg if c.isalpha() and c.lower() != c.upper()]
    if cased and not any(w[:1].isupper() for w in seg.split()):
        return True
    if _common_noun_opening(text, s, e):
        return True  # "Farmers in the Kherson region have started …" while the text also says "one farmer"
    if _GLUED_HEADING.search(seg):
        return True  # "Our Power GridsAs the …": a heading run into the next sentence by the extraction
    if seg.isupper() and _DATELINE_AFTER.match(text, e) and (s == 0 or text[max(0, s - 2):s].strip("\n ") == ""):
        return True  # "LONDON — Climate protesters …": a wire dateline, a place the story was filed from
    if label in ("ORG", "GPE", "NORP") and " " not in seg.strip():
        before = text[max(0, s - 30):s]
        of = re.search(r"([^\W\d_][\w'’-]*)\s+of\s+(?:the\s+)?$", before)  # "Secretary of State"
        if of and of.group(1)[:1].isupper() and not _title_case_line(text, s):
            return True
        return in_longer_name(text, s, e)
    return False


def _verb_in_lower_case(text: str, s: int, e: int) -> bool:
    """Does text[s:e], a piece of a title-case headline, hold a verb when its line is read in lower case? In
    title case the tagger calls every word a proper noun ("Data Refutes Media"); in lower case "refutes" is a
    verb again, while "rebel news" has none."""
    nlp = load_spacy()
    if nlp is None:
        return False
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", s)
    line = text[ls:le if le >= 0 else len(text)]
    low = line.lower()
    if len(low) != len(line):
        return False  # offsets would not line up
    return any(t.pos_ in ("VERB", "AUX") and s - ls <= t.idx < e - ls for t in nlp(low))


def _cut_openers(text: str, s: int, e: int) -> tuple[int, int]:
    """Cut sentence adverbs and conjunctions from the front of a name: "Later von der Leyen" -> "von der Leyen",
    "However, Emmanuel Macron" -> "Emmanuel Macron"."""
    while True:
        m = re.match(r"([^\W\d_]+)[,;]?\s+", text[s:e])
        if not m or m.group(1).lower() not in _OPENERS or m.end() >= e - s:
            return s, e
        s += m.end()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and markup or editorial brackets ("[Ursula] von der Leyen")
    from an entity span."""
    m = None
    for m in _MARKUP.finditer(text, s, e):
        pass
    if m is not None:
        s = m.end()
        while s < e and not (text[s].isalnum()):
            s += 1
    seg = text[s:e]
    m = _LEADING.match(seg)
    if m:
        s += m.end()
    m = re.search(r"['’]s?$", text[s:e])
    if m and e - s > 2:
        e = s + m.start()
    while e > s and text[e - 1] in " .,;:":
        e -= 1
    tail = re.search(r"(?:\s+(?:the|of|and|a|an|into|in|on|to|for))+$", text[s:e])
    if tail and tail.start() > 0:  # a title-case headline cut by the tagger: "... Straight Into the"
        e = s + tail.start()
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
