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
_ASIDE_PREPS = {"in", "at", "on", "during", "after", "before", "while", "with"}
# "The agency said ...", "the publication reported ...": the outlet named shortly before.
# Kinds of role a description can name. News varies its descriptions ("Rubio", then "the Florida senator"), so
# "the senator said" goes to the person who spoke last; but a person already described as an expert ("Petrov, a
# historian") is not "the governor" a line later, nor a governor "the spokesman" (who speaks for someone else).
EXPERT_ROLES = {"expert", "analyst", "historian", "economist", "professor", "researcher", "scientist", "academic",
                "scholar", "journalist", "reporter", "correspondent", "commentator", "columnist", "observer",
                "specialist", "lecturer", "blogger", "pollster", "strategist"}
SPOKES_ROLES = {"spokesman", "spokeswoman", "spokesperson", "representative", "aide", "adviser", "advisor"}


def _role_kind(role: str) -> str:
    return "expert" if role in EXPERT_ROLES else "spokes" if role in SPOKES_ROLES else "office"


def _roles_clash(role: str, descriptors: set[str]) -> bool:
    """``role`` is of another kind than every role the person was described with (``descriptors``: role nouns)."""
    kinds = {_role_kind(d) for d in descriptors}
    return bool(kinds) and role not in descriptors and _role_kind(role) not in kinds


MEDIA_NOUNS = {"agency", "publication", "newspaper", "paper", "outlet", "broadcaster", "channel", "network", "magazine",
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


def _ent_name(ent) -> str:
    """A PERSON entity's name without what the NER ran into after it: "Bolton distanced" -> "Bolton"."""
    toks = list(ent)
    while len(toks) > 1 and (not toks[-1].text[:1].isupper() or toks[-1].pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT")
                             and toks[-1].text not in (".",)):
        toks = toks[:-1]
    return _clean_name("".join(t.text_with_ws for t in toks).strip())


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    words = text.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


class Resolver:
    """Built once per parsed article; resolves speaker phrases in text order."""

    def __init__(self, doc, lex: Lexicon, quoted: list[tuple[int, int]] | None = None):
        # ``quoted``: (start, end) of the quotations, sorted. A person who is a subject inside someone's quoted
        # words ("“George Bush won that state,” Viguerie said") is not who a later "he" refers to.
        self._quoted = quoted or []
        self._quoted_starts = [q[0] for q in self._quoted]
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.persons: list[Person] = []
        self.anonymous: list[tuple[int, str, str]] = []  # (offset, head noun, description)
        self._anonymous_singular: set[int] = set()  # offsets of those that "he" / "she" may refer to ("a commander")
        self.organisations: list[tuple[int, str]] = []
        self.aliases: dict[str, str] = {}  # "EIA" -> "Energy Information Administration"
        # doc.ents rebuilds its list on every access: keep one, with start tokens for range look-ups.
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        for ent in self.ents:
            if ent.label_ == "PERSON" and not lex.media_re.fullmatch(ent.text):
                self._add_person(ent)
            elif ent.label_ in _ORG_ENTS:
                self.organisations.append((ent.start_char, ent.text))
        self._merge_prefixed()
        # Unnamed people who act as subjects ("NATO's secretary general used a speech ..."): later "he" may
        # refer to them, so they take part in resolution under their description.
        for tok in doc:
            if tok.dep_ in ("nsubj",) and tok.pos_ == "NOUN" and tok.tag_ != "NNS" and tok.lemma_.lower() in lex.person_roles \
                    and not any(t.ent_type_ == "PERSON" for t in tok.subtree) and tok.lemma_.lower() not in ("source", "person", "man", "woman") \
                    and not self._in_quote(tok.idx):  # (not "World leaders are aware …" inside someone's quote)
                if tok.lemma_.lower() in ("correspondent", "reporter") and tok.head.lemma_.lower() in ("report", "write") \
                        and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep") for c in tok.head.children):
                    continue  # a credit line ("…, a Nordpress correspondent reports."): the writer, not a "he" of the story
                phrase = [t for t in tok.subtree if t.i <= tok.i]
                desc = self.text[phrase[0].idx:tok.idx + len(tok)]
                if is_anonymous(desc, lex, has_name=False, after=self.text[tok.idx + len(tok):tok.idx + 120]):
                    continue
                # A definite description ("the diplomat") of someone already described so, or of a person named
                # just before ("Ryabkov said … The diplomat emphasized …"), is that person, not a new one.
                if re.match(r"(?i)(the|this|that)\s", desc) and any(
                        tok.lemma_.lower() in p.descriptors or not p.pseudo and any(0 < tok.idx - o < 600 for o in p.mentions)
                        for p in self.persons):
                    continue
                name = _strip_det(desc)
                p = self.find_person(name) if name[:1].isupper() else next((x for x in self.persons if x.name == name), None)
                if p is None:
                    p = Person(name, descriptors={tok.lemma_.lower()}, pseudo=True)
                    self.persons.append(p)
                p.mentions.append(phrase[0].idx)
                p.salient.append(phrase[0].idx)

    def _in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def _merge_prefixed(self) -> None:
        """A name run into the words after it ("Chris Christie Address Heroin Epidemic" in a title line) is the
        person whose full name starts it ("Chris Christie")."""
        for p in list(self.persons):
            if len(p.tokens) < 3:
                continue
            q = next((q for q in self.persons if q is not p and 2 <= len(q.tokens) < len(p.tokens)
                      and p.tokens[:len(q.tokens)] == q.tokens), None)
            if q is not None:
                q.mentions = sorted(q.mentions + p.mentions)
                q.salient = sorted(q.salient + p.salient)
                q.descriptors |= p.descriptors
                q.gender = q.gender or p.gender
                self.persons.remove(p)

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
        name = _ent_name(ent)
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
        if (root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))) \
                and not self._in_quote(ent.start_char):
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
                person.gender = self.lex.first_name_gender(person.tokens[0], len(person.tokens) > 1)
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

    def find_person(self, name: str, at: int | None = None) -> Person | None:
        """The person a name refers to; with ``at`` (an offset), of several sharing the surname ("Bill Clinton",
        "Hillary Clinton") the one mentioned last before it."""
        toks = name.split()
        if not toks:
            return None
        if at is not None and len(toks) == 1:
            cands = [p for p in self.persons if p.tokens[-1] == toks[0] or toks[0] in p.tokens]
            if len(cands) > 1:
                before = [(max((o for o in p.mentions if o < at), default=-1), p) for p in cands]
                off, best = max(before, key=lambda x: x[0])
                if off >= 0:
                    return best
        for p in reversed(self.persons):
            pt = p.tokens
            if p.name == name or pt[-1] == toks[-1] and (len(toks) == 1 or len(pt) == 1 or pt[0] == toks[0]):
                return p
            if len(toks) == 1 and toks[0] in pt:
                return p
        return None

    def _named_person(self, name: str, mention_at: int, start: int, find: bool = True) -> Person:
        """The person called ``name`` (found, or remembered now with the gender its first name gives), with this
        mention (``mention_at``) and a salient speaker phrase at ``start``."""
        p = self.find_person(name, at=start) if find else None
        if p is None:
            p = Person(name)
            p.gender = self.lex.first_name_gender(p.tokens[0], len(p.tokens) > 1) if p.tokens else None
            self.persons.append(p)
        elif len(name.split()) > len(p.tokens) and name.split()[-1] == p.tokens[-1]:
            p.name = name  # "Gressel" known, "Gustav Gressel" named now: keep the full name
            p.gender = p.gender or self.lex.first_name_gender(p.tokens[0])
        p.mentions.append(mention_at)
        p.salient.append(start)
        return p

    def _group_subject_before(self, at: int) -> list | None:
        """'Polish farmers will resume their blockade … as they say …': the plural subject of the same sentence,
        before "they", when it names people (a role or group noun), as its words up to the head."""
        span = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        for tok in reversed([t for t in sent if t.i < span[0].i]):
            if tok.dep_ == "nsubj" and tok.tag_ in ("NNS", "NNPS") and not self._in_quote(tok.idx) and (
                    tok.lemma_.lower() in self.lex.person_roles | self.lex.anonymous_heads | self.lex.speaker_heads):
                return [t for t in tok.subtree if t.i <= tok.i]
        return None

    def _described_before(self, role: str, words: list[str], at: int) -> Person | None:
        """The latest person named before ``at`` with the role noun ``role`` whose naming phrase also held ``words``
        ("Kremlin" of "Kremlin spokesman Dmitry Peskov")."""
        best = None
        for p in self.persons:
            if role not in p.descriptors:
                continue
            for o in p.mentions:
                before = re.split(r"[.!?;\n]\s", self.text[max(0, o - 80):o])[-1]  # the naming phrase, not the sentence before
                if o < at and all(w in before for w in words) and (best is None or o > best[0]):
                    best = (o, p)
        return best[1] if best else None

    # -- resolving -------------------------------------------------------
    def resolve(self, tokens, after: str = "") -> Speaker:
        """Resolve a speaker phrase (a contiguous list of spaCy tokens)."""
        tokens = [t for t in tokens if not t.is_space]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        tokens = _balance(tokens)
        for k, t in enumerate(tokens):
            # "Trump, in Kentucky, said": an aside about where or when is no part of the name.
            if t.text == "," and 0 < k < len(tokens) - 1 and tokens[k + 1].pos_ == "ADP" and tokens[k + 1].lower_ != "of" \
                    and tokens[k - 1].pos_ in ("PROPN", "NOUN"):
                tokens = tokens[:k]
                break
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
        # "Cuban, who is also a host on “Shark Tank”": the name without the relative clause about it (the mention
        # keeps it). Participle clauses stay: "officials briefed on the talks" is the whole description.
        drop = {t.i for c in head.children if c.dep_ == "relcl" and c.i > head.i for t in c.subtree}
        if head.ent_type_ == "PERSON" or head.pos_ == "NOUN" and head.text[:1].isupper() and head.i > head.sent.start:
            # '“...,” said Trump in his speech' (a person, or a name tagged as a common noun): where or when someone
            # spoke is no part of the name (but "Council on Foreign Relations" keeps its "on").
            aside = {t.i for c in head.children if c.dep_ == "prep" and c.i == head.i + 1 and c.lower_ in _ASIDE_PREPS
                     for t in c.subtree}  # right after the name: "Cornyn, the No. 2 in the GOP leadership" stays whole
            core = [t for t in tokens if t.i not in aside]
            while core and (core[-1].is_punct or core[-1].is_space):
                core = core[:-1]
            if aside and core:
                tokens = core
                end = core[-1].idx + len(core[-1])
                mention = self.text[start:end]
        # An unnamed source's name likewise: "a White House official who spoke on the condition of anonymity" is "a
        # White House official" (the clause still marks it anonymous; the mention keeps it).
        anon_name = mention
        rel = next((k for k, t in enumerate(tokens) if k > 0 and t.lower_ in ("who", "which", "that") and
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "relcl" and t.head.right_edge.i >= tokens[-1].i), None)
        if rel is not None:  # the clause closes the phrase, on whichever word of it the parser hung it
            core = tokens[:rel]
            while core and (core[-1].is_punct or core[-1].is_space):
                core = core[:-1]
            if core:
                anon_name = self.text[core[0].idx:core[-1].idx + len(core[-1])]
        if drop and head.pos_ == "PROPN":
            core = [t for t in tokens if t.i not in drop]
            while core and (core[-1].is_punct or core[-1].is_space):
                core = core[:-1]
            if core:
                tokens = core
        names = self.ents_within(tokens[0].i, tokens[-1].i + 1)
        persons = [e for e in names if e.label_ == "PERSON" and not _principal_of(e.root, head)]
        # "Gustav Gressel, a former … official" with the name typed ORG: named, so not an anonymous official.
        lead_name = len(tokens) > 3 and tokens[1].pos_ == "PROPN" and tokens[2].text == "," and \
            tokens[0].pos_ == "PROPN" and self.lex.is_first_name(tokens[0].text)
        if is_anonymous(mention, self.lex, has_name=bool(persons) or lead_name, after=after) and not persons:
            self.anonymous.append((start, head.lemma_.lower(), anon_name))
            if head.tag_ == "NN" and head.lemma_.lower() in self.lex.person_roles:
                self._anonymous_singular.add(start)
            return Speaker(anon_name, "anonymous", mention, start, end, "anonymous")
        if persons:
            ent = min(persons, key=lambda e: (self._ent_rank(e, head, tokens), abs(e.root.i - head.i)))
            p = self.find_person(_ent_name(ent), at=ent.start_char) or self._add_person(ent)
            if p is not None:
                p.salient.append(start)
                return Speaker(p.name, "person", mention, start, end, "name")
        if not persons and head.pos_ == "PROPN" and (head.ent_type_ not in ("ORG", "NORP") or
                                                      self.lex.is_first_name(tokens[0].text)):
            appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i and
                          c.lemma_.lower() in self.lex.person_roles), None)
            run = [t for t in tokens if t.i <= head.i and t.pos_ == "PROPN" and (t.i == head.i or t.dep_ == "compound")]
            if appos is not None and 1 <= len(run) <= 3 and head.i + 1 < len(self.doc) and self.doc[head.i + 1].text == ",":
                # "Medvedev, a former Russian president who ..." (the name typed as a place): a person, named by the name.
                name = _clean_name(" ".join(t.text for t in run))
                if name:
                    p = self._named_person(name, run[0].idx, start)
                    p.descriptors.add(appos.lemma_.lower())
                    return Speaker(p.name, "person", mention, start, end, "name")
        # "Germany's DGB chief Fahimi", "the head of the union, Jan Novak": a role noun and a name the NER missed
        # or typed as an organisation; the person is the name, never the place or the body around it.
        run = self._name_in_role_phrase(tokens, head)
        if run:
            name = _clean_name(" ".join(t.text for t in run))
            p = self.find_person(name)
            if p is None:
                p = Person(name)
                p.gender = self.lex.first_name_gender(p.tokens[0], len(p.tokens) > 1)
                self.persons.append(p)
            p.mentions.append(run[0].idx)
            p.salient.append(start)
            p.descriptors |= {t.lemma_.lower() for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.person_roles}
            return Speaker(p.name, "person", mention, start, end, "name")
        # "the union leader in Germany", "the head of Germany's biggest union": a person described, not the place.
        role_head = (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.is_upper and tokens[0].lower_ == "the") and \
            head.lemma_.lower() in self.lex.person_roles and head.lemma_.lower() not in self.lex.anonymous_heads  # "the MP"
        # "the Energy Information Administration (EIA)": the full name; "EIA" later is the same body.
        if len(tokens) == 1 and tokens[0].text in self.aliases:
            return Speaker(self.aliases[tokens[0].text], "organisation", mention, start, end, "name")
        # A proper name the NER missed or mistyped ("Orlov" as ORG): a known person's surname?
        propn = [t for t in tokens if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if propn and not persons and tokens[0].lower_ == "the" and head.pos_ == "NOUN":
            # "The Kremlin spokesman" after "Kremlin spokesman Dmitry Peskov": the person described so before.
            p = self._described_before(head.lemma_.lower(), [t.text for t in propn], start)
            if p is not None:
                p.salient.append(start)
                return Speaker(p.name, "person", mention, start, end, "description")
        if propn and head.pos_ != "PROPN" and all(_principal_of(t, head) for t in propn):
            propn = []  # "a spokesman for Zelensky": no name of the speaker's own
        last = propn[-2:]
        if (role_head or head.lemma_.lower() in self.lex.person_roles) and len(last) == 2 and last[-1].i == tokens[-1].i and last[0].i + 1 == last[1].i and \
                last[1].text[1:2].islower() and not {t.text for t in last} & _ORG_WORDS and \
                last[0].ent_type_ not in _PLACE_ENTS and self.lex.is_first_name(last[0].text):
            # "Global director of research for Morningstar Hortense Bioy", "Secretary General of Amnesty International
            # Agnès Callamard" (the NER ran the body into the name): a first name and a surname closing a role phrase.
            p = self._named_person(f"{last[0].text} {last[1].text}", last[0].idx, start)
            p.descriptors.add(head.lemma_.lower())
            return Speaker(p.name, "person", mention, start, end, "name")
        if propn and not role_head:
            name = _clean_name(" ".join(t.text for t in propn))
            p = self.find_person(name, at=start) if name else None
            if p is not None and (len(propn) <= 3):
                p.salient.append(start)
                return Speaker(p.name, "person", mention, start, end, "surname")
            if 2 <= len(propn) <= 3 and head.pos_ == "PROPN" and len(propn) == len([t for t in tokens if t.is_alpha]) and \
                    propn[0].lower_ in self.lex.male_names | self.lex.female_names:
                # "Pavel Horvat" typed ORG or GPE by the NER: a known first name and a surname are a person.
                self._named_person(name, start, start, find=False)
                return Speaker(name, "person", mention, start, end, "name")
            if len(last) == 2 and last[-1].i == tokens[-1].i and last[0].i + 1 == last[1].i and \
                    last[0].lower_ in self.lex.male_names | self.lex.female_names and len(propn) > 2:
                # "… director of the Geneva Press Club Guy Mettan" (the NER ran the club into the name): a first name
                # and a surname closing the phrase are the person.
                p = self._named_person(f"{last[0].text} {last[1].text}", last[0].idx, start)
                return Speaker(p.name, "person", mention, start, end, "name")
            org = [e for e in names if e.label_ in _ORG_ENTS]
            # An appositive in brackets is an abbreviation ("... Administration (EIA)"), not the name.
            named = [e for e in org if e.root.dep_ == "appos" and not (e.start > 0 and self.doc[e.start - 1].text == "(")]
            if named:  # "the power plant's operator, Centrenergo"
                return Speaker(_strip_det(named[0].text), "organisation", mention, start, end, "name")
            if org or head.pos_ == "NOUN":
                return Speaker(self._org_name(self._core(tokens, head, mention)), "organisation", mention, start, end, "name")
            if name and self.lex.media_re.fullmatch(name):
                return Speaker(name, "organisation", mention, start, end, "name")
            if name and 1 <= len(propn) <= 3 and head.pos_ == "PROPN":
                # Looks like a person's name the NER missed: remember it.
                self._named_person(name, start, start, find=False)
                return Speaker(name, "person", mention, start, end, "name")
        # A description: "the former minister", "the analyst", "the source".
        if any(t.lower_ in ("the", "this", "that") for t in tokens[:1]):
            if head.lemma_.lower() in MEDIA_NOUNS and not propn:
                outlet = self.outlet_before(start, noun=head.lemma_.lower())
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
                    if start - off < 400 and not _roles_clash(role, p.descriptors & self.lex.person_roles):
                        p.descriptors.add(role)
                        p.salient.append(start)
                        return Speaker(p.name, "person", mention, start, end, "description")
            if lemmas & self.lex.anonymous_heads and head.lemma_.lower() in self.lex.anonymous_heads and head.lemma_.lower() in ("source", "official", "person", "insider", "diplomat"):
                self.anonymous.append((start, head.lemma_.lower(), anon_name))
                return Speaker(anon_name, "anonymous", mention, start, end, "anonymous")
        if head.lemma_.lower() in self.lex.person_roles:
            return Speaker(_strip_det(self._core(tokens, head, mention)), "person", mention, start, end, "description")
        if head.pos_ in ("NOUN", "PROPN"):
            return Speaker(_strip_det(self._core(tokens, head, mention)), "organisation" if head.ent_type_ in _ORG_ENTS or head.pos_ == "PROPN" else "unknown",
                           mention, start, end, "name")
        return Speaker(mention, "unknown", mention, start, end, "none")

    @staticmethod
    def _ent_rank(ent, head, tokens) -> int:
        """Which name in the phrase is the speaker: the one that heads it ("Cruz aide Jim Poolman"), then the one set
        beside its head ("Another delegate on the Cruz slate, Jim Poolman"), then one not inside a modifier of it;
        a name inside "of ..." / "on the ... slate" / "Cruz's" only describes the speaker."""
        if ent.start <= head.i < ent.end:
            return 0
        ids = {t.i for t in tokens}
        t, steps = ent.root, 0
        while t.i in ids and t.i != head.i and steps < 12:
            if t.dep_ in ("prep", "pobj", "poss", "compound", "amod", "nmod", "npadvmod") and t.head.i != head.i or \
                    t.dep_ in ("pobj", "poss", "nmod"):
                return 3
            t, steps = t.head, steps + 1
        return 1 if ent.root.dep_ == "appos" else 2

    def _core(self, tokens, head, mention: str) -> str:
        """A description without the clause about it: "A letter from the Legion obtained by AP" -> "A letter from the
        Legion", "One Club for Growth ad, which is airing" -> "One Club for Growth ad"."""
        drop = set()
        for c in head.children:
            if c.dep_ in ("relcl", "acl") and c.i > head.i:
                drop |= {t.i for t in c.subtree}
        if not drop:
            return mention
        keep = [t for t in tokens if t.i not in drop]
        while keep and (keep[-1].is_punct or keep[-1].is_space):
            keep = keep[:-1]
        if not keep:
            return mention
        return self.text[keep[0].idx:keep[-1].idx + len(keep[-1])]

    def _org_name(self, mention: str) -> str:
        """An organisation's name from its mention, without the article and a bracketed abbreviation, which is
        remembered: "the Energy Information Administration (EIA)" -> "Energy Information Administration"."""
        name = _strip_det(mention)
        m = re.search(r"\s*\(([A-Z][A-Za-z.&-]{1,9})\)\s*$", name)
        if m:
            name = name[:m.start()].strip()
            if name:
                self.aliases.setdefault(m.group(1), name)
        return name or _strip_det(mention)

    def _name_in_role_phrase(self, tokens, head) -> list:
        """The person's name in a phrase built on a role noun: "Germany's DGB chief Fahimi", "the head of the
        union, Jan Novak", "DGB head in Germany Yasmin Fahimi" (a name the NER did not mark as a person). Places,
        nationalities, acronyms and the body the person heads ("the head of Verdi") are no name."""
        roles = [t for t in tokens if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.person_roles]
        if not roles:
            return []
        role_ids = {t.i for t in roles}
        ids = [t.i for t in tokens]
        runs, cur = [], []
        for t in tokens:
            if t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:2].islower() and not t.ent_type_ in _PLACE_ENTS \
                    and t.lower_ not in HONORIFICS and t.text.rstrip(".").lower() not in HONORIFICS:
                cur.append(t)
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for run in reversed(runs):
            if not 1 <= len(run) <= 3:
                continue
            run_ids = {t.i for t in run}
            root = next((t for t in run if t.head.i not in run_ids or t.head.i == t.i), run[-1])
            text = " ".join(t.text for t in run)
            if any(w in _ORG_WORDS for w in text.split()) or looks_like_medium(text, self.lex) or self.lex.media_re.fullmatch(text):
                continue
            prev = self.doc[run[0].i - 1] if run[0].i > 0 else None
            if prev is not None and (prev.lower_ in ("of", "at", "for", "from", "the", "'s", "’s") or prev.dep_ == "case"):
                continue  # "the head of Verdi", "the chief of the Kyiv Post", "Verdi's head"
            attached = (
                root.i == head.i and any(r.head.i == root.i for r in roles)  # "chief Fahimi", "union leader Novak"
                or root.dep_ == "appos" and root.head.i in role_ids  # "the head of the union, Jan Novak"
                or root.dep_ == "appos" and _head(tokens).i in role_ids
                or len(run) >= 2 and run[-1].i == ids[-1] and prev is not None and prev.ent_type_ in _PLACE_ENTS
                and any(r.i < run[0].i for r in roles)  # "DGB head in Germany Yasmin Fahimi"
            )
            if attached:
                return run
        return []

    def outlet_before(self, start: int, window: int = 700, noun: str = "") -> str | None:
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
                if p.gender not in (None, gender) or p.name.isupper() and len(p.name) <= 5:
                    continue  # (an acronym the tagger took for a person, "FSB", is no "he")
                before_s = [o for o in p.salient if o < start]
                before_m = [o for o in p.mentions if o < start]
                if not before_m and not before_s:
                    continue
                # Prefer the latest subject/speaker; a plain mention counts less (a 600-character handicap).
                key = max(max(before_s, default=-10**9), max(before_m, default=-10**9) - 600)
                if best_key is None or key > best_key:
                    best, best_key = p, key
            # '“...,” a Ukrainian commander said. “...,” he added.': an unnamed person who spoke later than any named
            # one is the likelier referent.
            anon = [(o, d) for o, _, d in self.anonymous if o < start and o in self._anonymous_singular]
            if anon and max(anon)[0] > (best_key if best is not None else -10**9) and start - max(anon)[0] < 600:
                return Speaker(max(anon)[1], "anonymous", mention, start, end, "pronoun")
            if best is not None:
                if best.gender is None:
                    best.gender = gender
                best.salient.append(start)
                return Speaker(best.name, "person", mention, start, end, "pronoun")
            return Speaker(None, "unknown", mention, start, end, "none")
        if low in ("they", "them"):
            group = self._group_subject_before(start)
            if group is not None:
                sp = self.resolve(group)
                if sp.name:
                    return Speaker(sp.name, sp.type, mention, start, end, "pronoun")
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
_EDITORIAL = {"emphasis", "italics", "links", "link", "bold"}  # "[emphasis, links added]"
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
    if len(words) == 1 and words[0].lower_ in _EDITORIAL:
        return False  # "Emphasis added: ...", "Italics mine": an editor's note, nobody's statement
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
    role_adjective = head.pos_ == "ADJ" and head.lower_ in lex.speaker_heads and toks[0].pos_ == "DET"
    if head.pos_ in ("DET", "ADJ") and head.ent_type_ not in _NAME_ENTS and head.lower_ not in ("one",) and not \
            any(t.pos_ in ("NOUN", "PROPN") for t in toks) and not role_adjective:
        return False  # (but "the general", "the official", tagged as adjectives, are people)
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT",) for t in toks) and head.pos_ not in ("PROPN",):
        return False
    # Where the phrase stands: a dateline or a label opens a line and is followed by a dash or a colon.
    line_start = text.rfind("\n", 0, toks[0].idx) + 1
    opens_line = not text[line_start:toks[0].idx].strip()
    after = text[toks[-1].idx + len(toks[-1]):toks[-1].idx + len(toks[-1]) + 3].lstrip(" \t")
    alpha = [t for t in words if t.is_alpha]
    if alpha and all(t.is_upper for t in alpha) and any(len(t) >= 5 for t in alpha) and \
            not any(t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") for t in alpha):
        return False  # a section label in capitals: "RED STATES", "EXPECTATIONS"
    if opens_line and after[:1] == "(" and head.ent_type_ in ("GPE", "LOC") and len(words) <= 3:
        return False  # "Washington (AFP) -", "Kyiv (Reuters) —": a dateline
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
        if lemma in lex.non_speakers or head.lower_ in lex.non_speakers:
            return False  # an event or a state of affairs: "the counteroffensive has confirmed that ..."
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


_PLACE_ENTS = {"GPE", "NORP", "LOC", "DATE", "TIME", "FAC"}
# Words of a body's name, never of a person's: "the head of the Unite Union" is no person called "Unite Union".
_ORG_WORDS = {"Union", "Ministry", "Agency", "Council", "Party", "Committee", "Institute", "Bank", "Group", "Office",
              "Department", "Administration", "Federation", "Association", "Commission", "Corporation", "Company",
              "Foundation", "Centre", "Center", "University", "Service", "Authority", "Organisation", "Organization",
              "Parliament", "Assembly", "Court", "Army", "Forces", "Police", "Government", "Cabinet", "Bureau",
              "Board", "Fund", "Trust", "League", "Alliance", "Front", "Movement", "Network", "News", "Times", "Post"}


def _balance(tokens) -> list:
    """A phrase with its brackets balanced: "the Energy Information Administration (EIA" takes its ")" or, where the
    bracket closes outside the sentence, is cut before the "(".""" 
    if not tokens:
        return tokens
    opens = sum(t.text == "(" for t in tokens)
    closes = sum(t.text == ")" for t in tokens)
    if opens > closes:
        doc, last = tokens[0].doc, tokens[-1].i
        if opens == closes + 1 and last + 1 < len(doc) and doc[last + 1].text == ")":
            return tokens + [doc[last + 1]]
        cut = max(k for k, t in enumerate(tokens) if t.text == "(")
        tokens = tokens[:cut]
    elif closes > opens:
        cut = min(k for k, t in enumerate(tokens) if t.text == ")")
        tokens = tokens[cut + 1:] if cut < len(tokens) / 2 else tokens[:cut]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    return tokens


def _principal_of(tok, head) -> bool:
    """Is the name headed by ``tok`` only the one whom the speaker ``head`` serves or belongs to ("Putin's spokesman", "a
    spokesman for Zelensky", "one of Carson's advisers")? Then the speaker is the description, not that person. A
    name beside the role ("Kremlin spokesman Dmitry Peskov", "the head of the union, Jan Novak") is the speaker."""
    top, seen = tok, 0
    while tok.i != head.i and seen < 6:
        if tok.dep_ == "appos":
            return False  # "the Senator from South Carolina, Lindsey Graham": the name set off is the speaker's
        if tok.dep_ in ("poss", "pobj"):
            # ("director of the Geneva Press Club Guy Mettan": a body run into the name by the tagger, so the name is
            # the speaker's own, not the one served)
            body = [t for t in tok.subtree if t.ent_type_ == "ORG" and t.i < tok.i]
            return tok.dep_ == "poss" or len(body) < 2
        if tok.head.i == tok.i:
            break
        top = tok
        tok, seen = tok.head, seen + 1
    if tok.i == head.i or top.head.i == head.i:
        return False
    # Parsed apart ("A top ally of war mad President Vladimir Putin", two subjects of the verb): the name right
    # after the role's "of …" phrase is still the one served.
    return top.i > head.i and any(c.dep_ == "prep" and c.right_edge.i + 1 == top.left_edge.i for c in head.children)


def _head(tokens):
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text).strip()
