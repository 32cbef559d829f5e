"""How the text itself casts an actor, read from the shared parse (English): what the actor does, what is
done to it.

The role model learns an actor's usual casting from the training articles (Russia is mostly an
antagonist there), so an article that casts it otherwise ("Russian soldiers evacuated the wounded; Russia
delivered free grain") needs the text's own evidence, counted per mention and summed per actor:

- ``help``: the actor does good (subject of protect / deliver / rescue ...; "has shown restraint"; "is
  the only country that has protected them"), or is praised ("African leaders thanked Russia");
- ``harm``: the actor does harm (subject of shell / kill / invade / provoke ...; "is a terrorist state");
- ``harmed``: harm is done to it (object of a harm verb, "sanctions against Russia").

A negated verb counts for nothing. The counts become per-main-role log offsets
(``RoleModel.cast_offsets``): help -> Protagonist, harm -> Antagonist, harmed -> Innocent. Other
languages: no parser, no evidence (zeros).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article

# Our own small lexicon (lemmas), written for this project; never built from an evaluation split.
HARM_VERBS = frozenset("""shell attack kill invade bomb threaten jail imprison steal provoke destroy occupy murder torture
massacre loot rape deport blackmail sabotage escalate strike target annex oppress censor persecute exploit
betray deceive manipulate prolong doom plunder drag shoot execute abduct kidnap starve terrorize terrorise
blockade bully coerce intimidate lie cheat rob slaughter bombard raze burn harass impoverish cripple demonize
demonise vilify smear slander victimize victimise scapegoat assault ambush silence swarm brutalize brutalise""".split())
HELP_VERBS = frozenset("""protect defend help deliver evacuate rescue liberate aid feed save rebuild donate shelter heal
unite guarantee welcome resist free safeguard supply provide assist comfort restore repel repulse withstand""".split())
# a defence that holds ("held off the Russian army", "fought off the assault"): the verb with its particle
HELP_PHRASAL = frozenset({"hold off", "hold out", "fight off", "beat back", "fend off", "push back"})
# exposing a falsehood is the article's hero's deed ("has ridiculed her claims", "debunked the myth")
DEBUNK_VERBS = frozenset("debunk refute ridicule expose disprove rebut dismiss demolish dismantle counter".split())
FALSEHOOD_NOUNS = frozenset("claim claims lie lies myth myths narrative propaganda hoax allegation allegations falsehood "
                            "falsehoods theory scare alarmism disinformation misinformation".split())
# a plight that is the actor's ("Pakistan's flooding plight", "Gaza's suffering"): harm done to it
PLIGHT_NOUNS = frozenset("plight suffering misery hardship tragedy grief victims casualties ordeal".split())
# what the text calls the actor ("the brave defenders", "the unbowed regiment")
HELP_MODIFIERS = frozenset("heroic brave valiant courageous unbowed fearless gallant selfless heroes hero".split())
PRAISE_VERBS = frozenset("thank praise honour honor applaud celebrate commend salute admire".split())
HARM_NOUNS = frozenset("""aggression aggressor atrocity terror terrorist terrorism invader invasion occupier war_crime
massacre threat regime propaganda lie lies crime criminal murderer butcher dictator tyrant warmonger
provocation genocide""".split())
# what an actor's deed is called ("Russia's invasion", "attacks by Russia"): harm done by it
DEED_HARM_NOUNS = frozenset("""attack attacks strike strikes shelling bombing bombardment occupation annexation war_crimes
aggression invasion atrocities crimes propaganda disinformation lies threats blockade sabotage""".split())
HELP_NOUNS = frozenset("""restraint aid help guarantee guarantees peace ceasefire food medicine protection support
shelter rescue hero heroes defender defenders liberator peacemaker""".split())
HELP_ADVERBS = frozenset("humanely generously selflessly heroically bravely".split())
HARM_MODIFIERS = frozenset("terrorist criminal brutal aggressive murderous genocidal barbaric corrupt".split())

# A harm noun as the object counts only after a verb of doing it ("committed atrocities", not "resist an
# invasion"); a help noun counts unless the verb withholds it ("blocked aid").
PERPETRATE_VERBS = frozenset("commit launch wage carry unleash start spread pursue continue escalate perpetrate".split())
WITHHOLD_VERBS = frozenset("""block reject refuse deny stop cut halt sabotage undermine obstruct steal loot withhold
end oppose""".split())

# What is done to a people or a country: "the West's hostility to Russia", "discrimination against Russians",
# "Russians faced a wave of Russophobia", "the blasts caused Russia great harm".
HOSTILITY_NOUNS = frozenset("""hostility discrimination russophobia hatred hate persecution harassment repression
smear slander abuse violence""".split())
SUFFER_VERBS = frozenset("suffer endure face undergo experience".split())
INFLICT_VERBS = frozenset("cause inflict deal".split())
DAMAGE_NOUNS = frozenset("harm damage suffering loss losses pain blow".split())
# "the people of Europe": what is done to them is done to the place they belong to
PEOPLE_NOUNS = frozenset("people citizens population residents civilians children families".split())

SUBJECT_DEPS = {"nsubj", "csubj"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "dative"}
KINDS = ("help", "harm", "harmed")  # the order of the counts (Protagonist, Antagonist, Innocent)


def _negated(v) -> bool:
    return any(c.dep_ == "neg" for c in v.children) or any(c.lower_ in ("never", "no") for c in v.children)


def _verbs_of_subject(v) -> list:
    """The verb, verbs conjoined to it that have no subject of their own, and their open complements
    ("risks dragging", "refused to leave")."""
    out, todo = [], [v]
    while todo:
        t = todo.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(g.dep_ in SUBJECT_DEPS for g in c.children):
                todo.append(c)
            elif c.dep_ in ("xcomp",) and c.pos_ == "VERB":
                todo.append(c)
    return out


def _noun_says(n) -> tuple[int, int]:
    """(help, harm) of a noun phrase said of the actor: its head, its modifiers, a relative clause on it."""
    lemma = n.lemma_.lower()
    help_, harm = int(lemma in HELP_NOUNS), int(lemma in HARM_NOUNS)
    for c in n.children:
        if c.dep_ in ("amod", "compound") and (c.lemma_.lower() in HARM_MODIFIERS or c.lemma_.lower() in HARM_NOUNS):
            harm = 1
        if c.dep_ == "relcl" and not _negated(c):
            vl = c.lemma_.lower()
            help_ |= vl in HELP_VERBS
            harm |= vl in HARM_VERBS
    return help_, harm


def _as_subject(v) -> tuple[int, int]:
    help_ = harm = 0
    for t in _verbs_of_subject(v):
        if _negated(t):
            continue
        lemma = t.lemma_.lower()
        help_ |= lemma in HELP_VERBS or any(f"{lemma} {c.lower_}" in HELP_PHRASAL for c in t.children if c.dep_ == "prt")
        harm |= lemma in HARM_VERBS
        for c in t.children:
            if c.dep_ in ("dobj", "obj") and lemma in DEBUNK_VERBS and c.lemma_.lower() in FALSEHOOD_NOUNS:
                help_ = 1  # "has ridiculed her claims"
            if c.dep_ in ("dobj", "obj", "attr"):
                h, m = _noun_says(c)
                help_ |= h and lemma not in WITHHOLD_VERBS
                harm |= m and (c.dep_ == "attr" or lemma in PERPETRATE_VERBS)
        if any(g.lower_ in HELP_ADVERBS for g in t.subtree):  # "treated captured soldiers humanely"
            help_ = 1
    return int(help_), int(harm)


def _hostile(n) -> bool:
    """A hostility noun, or a quantity of one ("a wave of Russophobia")."""
    if n.lemma_.lower() in HOSTILITY_NOUNS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() in HOSTILITY_NOUNS
                                                            for g in c.children) for c in n.children)


def _said_of_actor(r) -> tuple[int, int]:
    """(help, harm) said of the actor's own phrase: its deed nouns ("Russia's invasion", "attacks by
    Russia"), a relative clause ("Russia, which invaded …") or an apposition ("Russia, the aggressor")."""
    help_ = int(any(c.dep_ in ("amod", "compound") and c.lower_ in HELP_MODIFIERS for c in r.children))
    harm = 0
    if r.dep_ == "poss" or (r.dep_ == "pobj" and r.head.lower_ == "by" and r.head.head.pos_ == "NOUN"):
        deed = r.head if r.dep_ == "poss" else r.head.head
        lemma = deed.lemma_.lower()
        harm |= lemma in HARM_NOUNS | DEED_HARM_NOUNS
        help_ |= lemma in HELP_NOUNS
    for c in r.children:
        if c.dep_ == "relcl" and not _negated(c):
            h, m = _as_subject(c)
            help_ |= h
            harm |= m
        elif c.dep_ == "appos":
            h, m = _noun_says(c)
            help_ |= h
            harm |= m
    return int(help_), int(harm)


def mention_casting(article: "Article", start: int, end: int) -> tuple[int, int, int]:
    """(help, harm, harmed) for the mention at ``start:end`` of ``article.text``; zeros without a parse."""
    a = article.analysis
    doc = a.doc if a.has_parser else None
    if doc is None:
        return (0, 0, 0)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return (0, 0, 0)
    r = span.root
    if r.dep_ in ("compound", "amod") and r.head.pos_ in ("NOUN", "PROPN"):  # "Russian soldiers", "Kremlin troops"
        r = r.head
    if r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head.lemma_.lower() in PEOPLE_NOUNS:
        r = r.head.head  # "impoverish the people of Europe"
    own_help, own_harm = _said_of_actor(r)
    plight = int(r.dep_ == "poss" and r.head.lemma_.lower() in PLIGHT_NOUNS)  # "Pakistan's flooding plight"
    if r.dep_ == "poss":  # "Putin's regime jails ..." -> what the regime does is the actor's
        r = r.head
    if r.dep_ == "appos":
        r = r.head
    dep, head = r.dep_, r.head
    help_, harm, harmed = own_help, own_harm, plight
    if dep in SUBJECT_DEPS:
        h, m = _as_subject(head)
        help_, harm = help_ | h, harm | m
        if head.lemma_.lower() in SUFFER_VERBS and not _negated(head):  # "faced a wave of Russophobia"
            harmed = int(any(_hostile(c) for c in head.children if c.dep_ in ("dobj", "obj")))
        elif head.lemma_.lower() in DAMAGE_NOUNS and head.head.lemma_.lower() in INFLICT_VERBS:
            harmed = 1  # "caused Russia great harm", parsed as a clause "Russia … harm"
    elif dep == "pobj" and head.dep_ == "agent":  # "was shelled by Russia"
        harm |= int(head.head.lemma_.lower() in HARM_VERBS and not _negated(head.head))
    elif dep in OBJECT_DEPS:
        if not _negated(head):
            lemma = head.lemma_.lower()
            help_ |= int(lemma in PRAISE_VERBS)
            harmed = int(lemma in HARM_VERBS)
            if dep == "dative" and lemma in INFLICT_VERBS:  # "caused Russia great harm"
                harmed = int(any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in DAMAGE_NOUNS for c in head.children))
    elif dep == "pobj" and head.lower_ == "against" and head.head.lemma_.lower() in HARM_VERBS | HARM_NOUNS | HOSTILITY_NOUNS | {"sanction", "war"}:
        harmed = 1  # "sanctions against Russia", "the war against Ukraine", "discrimination against Russians"
    elif dep == "pobj" and head.lower_ in ("to", "toward", "towards") and head.head.lemma_.lower() in HOSTILITY_NOUNS:
        harmed = 1  # "the West's hostility to Russia"
    return (int(help_), int(harm), harmed)


def actor_offsets(casts: Sequence[tuple[int, int, int]], groups: Sequence[object], cap: float = 2.0) -> np.ndarray:
    """Per-mention (n, 3) evidence in main-role order, each mention given its actor's summed counts
    (``groups[i]``: the actor of mention i), capped at ``cap``: an article casts an actor one way."""
    c = np.asarray(casts, np.float32).reshape(-1, 3)
    out = np.zeros_like(c)
    groups = list(groups)
    for g in set(groups):
        idx = [i for i, x in enumerate(groups) if x == g]
        out[idx] = np.minimum(c[idx].sum(axis=0), cap)
    return out
