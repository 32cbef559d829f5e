"""Who is speaking: speaker phrases from the parse, resolved to a named speaker.

A light, rule-based coreference made for news attribution: persons are the
PERSON entities of the article, merged by surname ("Pavel Orlov" <- "Orlov",
"Ms Harper"); a description next to a name ("The former defence minister,
Pavel Orlov", "Analyst Jane Harper") is remembered so that "the former
minister" or "the analyst" later resolves to that person; "he"/"she" go to the
most recent compatible person who was a subject or speaker; "the source" to
the last anonymous source of the same kind.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .sourcing import is_anonymous, looks_like_medium

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "gen", "general",
              "col", "colonel", "lt", "sgt", "capt", "president", "minister", "senator", "sen", "gov", "governor",
              "mayor", "judge", "rep", "ambassador", "chancellor", "premier", "pm"}
_FEMALE_HON = {"mrs", "ms", "miss", "dame", "lady"}
_MALE_HON = {"mr", "sir", "lord"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PLURAL_PRONOUNS = {"they", "them", "we"}
_ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}
# "The agency said ...", "the publication reported ...": the outlet named shortly before.
_MEDIA_NOUNS = {"agency", "publication", "newspaper", "paper", "outlet", "broadcaster", "channel", "network", "magazine",
                "daily", "tabloid", "website", "site", "portal", "station", "newswire", "wire", "weekly", "broadsheet",
                "outlet", "service", "newsroom"}


@dataclass
class Person:
    name: str
    gender: str | None = None
    descriptors: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)  # char offsets of mentions
    salient: list[int] = field(default_factory=list)  # offsets where it was a subject or speaker
    pseudo: bool = False  # an unnamed person known by a description ("secretary general")

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


@dataclass
class Speaker:
    name: str | None
    type: str  # person | organisation | anonymous | unknown
    mention: str
    start: int
    end: int
    resolved_by: str = "name"  # name | surname | pronoun | description | anonymous | none


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    words = text.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


class Resolver:
    """Built once per parsed article; resolves speaker phrases in text order."""

    def __init__(self, doc, lex: Lexicon):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.persons: list[Person] = []
        self.anonymous: list[tuple[int, str, str]] = []  # (offset, head noun, description)
        self.organisations: list[tuple[int, str]] = []
        # doc.ents rebuilds its list on every access: keep one, with start tokens for range look-ups.
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        for ent in self.ents:
            if ent.label_ == "PERSON" and not lex.media_re.fullmatch(ent.text):
                self._add_person(ent)
            elif ent.label_ in _ORG_ENTS:
                self.organisations.append((ent.start_char, ent.text))
        # Unnamed people who act as subjects ("NATO's secretary general used a speech ..."): later "he" may
        # refer to them, so they take part in resolution under their description.
        for tok in doc:
            if tok.dep_ in ("nsubj",) and tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.person_roles \
                    and not any(t.ent_type_ == "PERSON" for t in tok.subtree) and tok.lemma_.lower() not in ("source", "person", "man", "woman"):
                phrase = [t for t in tok.subtree if t.i <= tok.i]
                desc = self.text[phrase[0].idx:tok.idx + len(tok)]
                if is_anonymous(desc, lex, has_name=False, after=self.text[tok.idx + len(tok):tok.idx + 120]):
                    continue
                if re.match(r"(?i)(the|this|that)\s", desc) and any(tok.lemma_.lower() in p.descriptors for p in self.persons):
                    continue
                name = _strip_det(desc)
                p = self.find_person(name) if name[:1].isupper() else next((x for x in self.persons if x.name == name), None)
                if p is None:
                    p = Person(name, descriptors={tok.lemma_.lower()}, pseudo=True)
                    self.persons.append(p)
                p.mentions.append(phrase[0].idx)
                p.salient.append(phrase[0].idx)

    def ents_within(self, start: int, end: int) -> list:
        """Entities inside tokens [start, end)."""
        i = bisect.bisect_left(self._ent_starts, start)
        out = []
        while i < len(self.ents) and self.ents[i].start < end:
            if self.ents[i].end <= end:
                out.append(self.ents[i])
            i += 1
        return out

    # -- building --------------------------------------------------------
    def _add_person(self, ent) -> Person | None:
        name = _clean_name(ent.text)
        if not name or not any(c.isupper() for c in name[:1]) or len(name) < 2:
            return None
        person = self.find_person(name)
        if person is None:
            person = Person(name)
            self.persons.append(person)
        elif len(name.split()) > len(person.tokens) and name.split()[-1] == person.tokens[-1]:
            person.name = name  # "Orlov" first, "Pavel Orlov" later: keep the full name
        person.mentions.append(ent.start_char)
        root = ent.root
        if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")):
            person.salient.append(ent.start_char)
        # Gender from an honorific before the name, or from the first name.
        prev = ent.doc[ent.start - 1].text.lower().rstrip(".") if ent.start > 0 else ""
        first = ent.text.split()[0].lower().rstrip(".")
        if person.gender is None:
            if prev in _FEMALE_HON or first in _FEMALE_HON:
                person.gender = "f"
            elif prev in _MALE_HON or first in _MALE_HON:
                person.gender = "m"
            else:
                fn = person.tokens[0].lower()
                person.gender = "f" if fn in self.lex.female_names else "m" if fn in self.lex.male_names else None
        person.descriptors |= self._descriptors(ent)
        return person

    def _descriptors(self, ent) -> set[str]:
        """Role nouns said of the person next to its name: appositions and title words."""
        words: set[str] = set()
        root = ent.root
        nouns = []
        if root.dep_ == "appos":
            head = root.head
            # "The mayor of Kharkiv, Ihor Terekhov": the parser may hang the name on "Kharkiv".
            while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
                head = head.head.head
            nouns.append(head)
        nouns.extend(c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")
        # Title words before the name: "Analyst Jane Harper", "Defence Minister Rustem Umerov".
        i = ent.start - 1
        while i >= 0 and ent.doc[i].dep_ in ("compound", "amod") and ent.doc[i].head.i in range(ent.start, ent.end):
            nouns.append(ent.doc[i])
            i -= 1
        for n in nouns:
            if n.pos_ in ("NOUN", "PROPN"):
                words.add(n.lemma_.lower())
                words.update(c.lemma_.lower() for c in n.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ", "PROPN"))
        return {w for w in words if w.isalpha()}

    def find_person(self, name: str) -> Person | None:
        toks = name.split()
        if not toks:
            return None
        for p in reversed(self.persons):
            pt = p.tokens
            if p.name == name or pt[-1] == toks[-1] and (len(toks) == 1 or len(pt) == 1 or pt[0] == toks[0]):
                return p
            if len(toks) == 1 and toks[0] in pt:
                return p
        return None

    # -- resolving -------------------------------------------------------
    def resolve(self, tokens, after: str = "") -> Speaker:
        """Resolve a speaker phrase (a contiguous list of spaCy tokens)."""
        tokens = [t for t in tokens if not t.is_space]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if not tokens:
            return Speaker(None, "unknown", "", -1, -1, "none")
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        mention = self.text[start:end]
        if not speaker_ok(tokens, self.lex):
            return Speaker(None, "unknown", mention, start, end, "none")
        head = _head(tokens)
        low = head.text.lower()
        # "One of them said ...": one of the group that spoke before.
        if re.match(r"(?i)(one|some|two|three|several|many|most|all|none|each) of (them|those|these)$", mention):
            sp = self._pronoun("they", start, mention, end)
            if sp.name:
                return sp
        # Pronouns.
        if head.pos_ == "PRON" or low in _PRONOUN_GENDER or low in _PLURAL_PRONOUNS:
            return self._pronoun(low, start, mention, end)
        names = self.ents_within(tokens[0].i, tokens[-1].i + 1)
        persons = [e for e in names if e.label_ == "PERSON"]
        if is_anonymous(mention, self.lex, has_name=bool(persons), after=after) and not persons:
            self.anonymous.append((start, head.lemma_.lower(), mention))
            return Speaker(mention, "anonymous", mention, start, end, "anonymous")
        if persons:
            ent = min(persons, key=lambda e: abs(e.root.i - head.i))
            p = self.find_person(_clean_name(ent.text)) or self._add_person(ent)
            if p is not None:
                p.salient.append(start)
                return Speaker(p.name, "person", mention, start, end, "name")
        # A proper name the NER missed or mistyped ("Orlov" as ORG): a known person's surname?
        propn = [t for t in tokens if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if propn:
            name = _clean_name(" ".join(t.text for t in propn))
            p = self.find_person(name) if name else None
            if p is not None and (len(propn) <= 3):
                p.salient.append(start)
                return Speaker(p.name, "person", mention, start, end, "surname")
            org = [e for e in names if e.label_ in _ORG_ENTS]
            named = [e for e in org if e.root.dep_ == "appos"]
            if named:  # "the power plant's operator, Centrenergo"
                return Speaker(_strip_det(named[0].text), "organisation", mention, start, end, "name")
            if org or head.pos_ == "NOUN":
                return Speaker(_strip_det(mention), "organisation", mention, start, end, "name")
            if name and self.lex.media_re.fullmatch(name):
                return Speaker(name, "organisation", mention, start, end, "name")
            if name and 1 <= len(propn) <= 3 and head.pos_ == "PROPN":
                # Looks like a person's name the NER missed: remember it.
                p = Person(name)
                fn = p.tokens[0].lower()
                p.gender = "f" if fn in self.lex.female_names else "m" if fn in self.lex.male_names else None
                p.mentions.append(start)
                p.salient.append(start)
                self.persons.append(p)
                return Speaker(name, "person", mention, start, end, "name")
        # A description: "the former minister", "the analyst", "the source".
        if any(t.lower_ in ("the", "this", "that") for t in tokens[:1]):
            if head.lemma_.lower() in _MEDIA_NOUNS and not propn:
                outlet = self._outlet_before(start, noun=head.lemma_.lower())
                if outlet:
                    return Speaker(outlet, "organisation", mention, start, end, "description")
            lemmas = {t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "ADJ", "PROPN")}
            for p in sorted(self.persons, key=lambda p: max(p.mentions or [0]), reverse=True):
                if head.lemma_.lower() in p.descriptors and (min(p.mentions or [end]) < start):
                    p.salient.append(start)
                    return Speaker(p.name, "person", mention, start, end, "description")
            for off, h, desc in reversed(self.anonymous):
                if off < start and (h == head.lemma_.lower() or h.rstrip("s") == head.lemma_.lower().rstrip("s")):
                    return Speaker(desc, "anonymous", mention, start, end, "anonymous")
            role = head.lemma_.lower()
            if role in self.lex.person_roles and role not in ("source", "person"):
                # "The president added ...": no description matched, so the latest person who spoke or was a
                # subject close before is the likeliest referent.
                recent = [(max(o for o in p.salient if o < start), p) for p in self.persons if any(o < start for o in p.salient)]
                if recent:
                    off, p = max(recent, key=lambda x: x[0])
                    if start - off < 400:
                        p.descriptors.add(role)
                        p.salient.append(start)
                        return Speaker(p.name, "person", mention, start, end, "description")
            if lemmas & self.lex.anonymous_heads and head.lemma_.lower() in self.lex.anonymous_heads and head.lemma_.lower() in ("source", "official", "person", "insider", "diplomat"):
                self.anonymous.append((start, head.lemma_.lower(), mention))
                return Speaker(mention, "anonymous", mention, start, end, "anonymous")
        if head.lemma_.lower() in self.lex.person_roles:
            return Speaker(_strip_det(mention), "person", mention, start, end, "description")
        if head.pos_ in ("NOUN", "PROPN"):
            return Speaker(_strip_det(mention), "organisation" if head.ent_type_ in _ORG_ENTS or head.pos_ == "PROPN" else "unknown",
                           mention, start, end, "name")
        return Speaker(mention, "unknown", mention, start, end, "none")

    def _outlet_before(self, start: int, window: int = 700, noun: str = "") -> str | None:
        """The latest news outlet named in the ``window`` characters before ``start`` ("Bloomberg", "The Odessa Gazette");
        for "the agency" also a body named "... Agency" ("the International Atomic Energy Agency")."""
        lo = max(0, start - window)
        best = None
        for m in self.lex.media_re.finditer(self.text, lo, start):
            best = (m.start(), m.group(1))
        i = bisect.bisect_left([e.start_char for e in self.ents], lo)
        for e in self.ents[i:]:
            if e.start_char >= start:
                break
            named = e.label_ == "ORG" and noun and re.search(rf"\b{noun}\b", e.text, re.I)
            if (e.label_ in ("ORG", "PERSON", "WORK_OF_ART", "GPE") and looks_like_medium(e.text, self.lex) or named) and \
                    (best is None or e.start_char >= best[0]):
                best = (e.start_char, _strip_det(e.text))
        # Names the NER missed: a run of capitalised words built like a medium ("The Odessa Gazette").
        for m in _CAP_RUN.finditer(self.text, lo, start):
            name = _strip_det(m.group(0))
            if (best is None or m.start() > best[0]) and len(name.split()) >= 2 and looks_like_medium(name, self.lex):
                best = (m.start(), name)
        return best[1] if best else None

    def _pronoun(self, low: str, start: int, mention: str, end: int) -> Speaker:
        if low in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[low]
            best, best_key = None, None
            for p in self.persons:
                if p.gender not in (None, gender):
                    continue
                before_s = [o for o in p.salient if o < start]
                before_m = [o for o in p.mentions if o < start]
                if not before_m and not before_s:
                    continue
                # Prefer the latest subject/speaker; a plain mention counts less (a 600-character handicap).
                key = max(max(before_s, default=-10**9), max(before_m, default=-10**9) - 600)
                if best_key is None or key > best_key:
                    best, best_key = p, key
            if best is not None:
                if best.gender is None:
                    best.gender = gender
                best.salient.append(start)
                return Speaker(best.name, "person", mention, start, end, "pronoun")
            return Speaker(None, "unknown", mention, start, end, "none")
        if low in ("they", "them"):
            # Groups that spoke before come first; a plain mention of a country or body counts less.
            cands = [(o, d, "anonymous") for o, _, d in self.anonymous if o < start]
            cands += [(o - 600, n, "organisation") for o, n in self.organisations if o < start]
            if cands:
                o, name, kind = max(cands)
                if start - o < 1200:
                    return Speaker(_strip_det(name) if kind == "organisation" else name, kind, mention, start, end, "pronoun")
        return Speaker(None, "unknown", mention, start, end, "none")


# Words that alone are no speaker: quantifiers and indefinites ("others will say ...", "some argue ...").
QUANTIFIERS = {"others", "other", "some", "many", "few", "several", "all", "both", "most", "none", "each", "either",
               "neither", "another", "any", "anyone", "anybody", "nobody", "much", "more", "less", "fewer", "plenty",
               "lots", "half", "this", "these", "those", "what", "whatever", "something", "anything", "everything",
               "nothing", "such", "there", "here"}
_BAD_PRONOUNS = {"this", "these", "those", "what", "whatever", "something", "anything", "everything", "nothing", "itself",
                 "themselves", "himself", "herself", "there", "here", "which", "whom"}
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_NOUN_THRESHOLD = 0.3  # speaker_nouns.json probability under which an unlisted noun is no speaker


def speaker_ok(tokens, lex: Lexicon, documents: bool = False) -> bool:
    """Is this phrase a noun phrase that names a person, a group or an organisation (or a pronoun for one)?

    Never a clause fragment ("in 2022 signed a decree officially", "it is worth"), a quantifier alone ("others"),
    a thing ("his conviction", "EU sanctions"), a dateline ("BERLIN —") or a label before a colon ("Emphasis:").
    ``documents``: the source of "according to", which may be a record ("according to early returns"): any noun.
    """
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return False
    words = [t for t in toks if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in QUANTIFIERS:
        return False
    head = _head(toks)
    if head.pos_ == "VERB":
        # "people briefed on the talks" parsed as a clause: the subject noun heads the phrase.
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c in toks and c.pos_ in ("NOUN", "PROPN")]
        if subj and subj[0].i < head.i:
            head = subj[0]
    if toks[0].pos_ in ("ADP", "SCONJ") and (toks[0] is head or toks[0].dep_ in ("prep", "agent", "dative", "mark")):
        return False  # "to Iran", "in 2022 ..." (but "about half of the voters")
    doc = head.doc
    text = doc.user_data.get("narrascope_text") or doc.text
    ids = {t.i for t in toks}

    def in_clause(t) -> bool:  # inside a relative or participle clause of the phrase ("who said ...")
        for _ in range(40):  # bounded: a damaged parse may hold a cycle
            if t.i not in ids:
                return False
            if t.dep_ in ("relcl", "acl", "advcl", "appos"):
                return True
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    last = words[-1].i
    if any(t.tag_ in ("VBD", "VBZ", "VBP") and not in_clause(t) and (t.i == last or any(c.dep_ == "dobj" for c in t.children))
           for t in toks):
        return False  # a finite verb of the sentence: "Bolton distanced", "Putin signed a decree" (not "people briefed on it")
    if any(t.ent_type_ == "PERSON" for t in toks) and head.pos_ not in ("ADP", "SCONJ"):
        return True  # a person's name in the phrase, whatever the parse made of the rest ("Trump adviser Jason Miller")
    if "year-old" in " ".join(t.lower_ for t in toks).replace(" - ", "-"):
        return True  # "the 46-year-old"
    if head.pos_ == "NUM" and len(words) >= 2 and any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in ("in", "of", "%", "percent") for t in words):
        return True  # "Six in 10 voters", "more than 4 in 10", "51 percent of respondents"
    if head.pos_ in ("VERB", "AUX", "ADV", "ADP", "SCONJ", "PART", "INTJ", "CCONJ", "SYM", "X", "NUM") and \
            head.ent_type_ not in _NAME_ENTS:
        return False
    if head.pos_ in ("DET", "ADJ") and head.ent_type_ not in _NAME_ENTS and head.lower_ not in ("one",) and not \
            any(t.pos_ in ("NOUN", "PROPN") for t in toks):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT",) for t in toks) and head.pos_ not in ("PROPN",):
        return False
    # Where the phrase stands: a dateline or a label opens a line and is followed by a dash or a colon.
    line_start = text.rfind("\n", 0, toks[0].idx) + 1
    opens_line = not text[line_start:toks[0].idx].strip()
    after = text[toks[-1].idx + len(toks[-1]):toks[-1].idx + len(toks[-1]) + 3].lstrip(" \t")
    if opens_line and after[:1] in (":", "—", "–", "-", "(") or opens_line and after[:1] == "," and head.is_upper:
        alpha = [t for t in words if t.is_alpha]
        caps = bool(alpha) and all(t.is_upper and len(t) > 1 for t in alpha)
        if caps and head.ent_type_ not in ("PERSON", "ORG", "NORP") and (after[:1] != ":" or head.ent_type_ == "GPE"):
            return False  # "BERLIN —", "WASHINGTON (AP)", "KYIV:" (but a transcript's "FALLIN: ...")
        if len(words) == 1 and head.ent_type_ not in _NAME_ENTS and after[:1] == ":" and not caps:
            return False  # "Emphasis: ..."
    if head.pos_ == "PRON" or head.lower_ in ("those", "these") and len(words) > 1:
        if head.lower_ in ("those", "these") and len(words) > 1:
            return True  # "those over 60", "those who voted"
        return head.lower_ not in _BAD_PRONOUNS
    if head.pos_ == "PROPN" or head.ent_type_ in _NAME_ENTS:
        return True
    if head.pos_ in ("NOUN", "ADJ", "DET"):
        lemma = head.lemma_.lower()
        if head.text[:1].isupper() and head.text in _person_words(doc):
            return True  # "Fields said ..." where the NER knows "Sally Fields" elsewhere
        if lemma in lex.person_roles or lemma in lex.anonymous_heads or lemma in lex.speaker_heads or \
                head.lower_ in lex.speaker_heads or head.lower_ in lex.anonymous_heads:
            return True
        if lemma in QUANTIFIERS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return True  # "some of them", "many of the residents"
        of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of and of[0].pos_ in ("NOUN", "PROPN") and (of[0].lemma_.lower() in lex.person_roles or of[0].lemma_.lower()
                                                        in lex.speaker_heads or of[0].ent_type_ in _NAME_ENTS):
            return True  # "a wide array of economists", "a group of residents"
        if documents:
            return True
        if lex.speaker_model is not None and doc.vocab[lemma].has_vector:
            from .learn import score

            return score(doc.vocab[lemma].vector, lex.speaker_model) >= _NOUN_THRESHOLD
        return True  # no vectors (the small model): unlisted nouns pass
    return True


def _person_words(doc) -> set[str]:
    """Words of the PERSON entities of the doc (computed once per doc)."""
    words = doc.user_data.get("narrascope_person_words")
    if words is None:
        words = {w for e in doc.ents if e.label_ == "PERSON" for w in e.text.split()}
        doc.user_data["narrascope_person_words"] = words
    return words


_CAP_RUN = re.compile(r"\b[A-Z][\w’'&.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w’'&.-]*)*")


def _head(tokens):
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text).strip()
