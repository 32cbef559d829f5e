"""A synthetic, already-analysed corpus for benchmarks, demos and tests.

Articles are assembled from sentences written for narrascope (no licensed text),
varying outlet, date, speakers, sourcing, narratives and actors, with every
offset pointing at the right characters of ``Article.text``. Deterministic for
a given seed, so aggregates can be checked exactly.
"""
from __future__ import annotations

import datetime as dt
import random

from ..doc import Article, Entity, Explanation, Label, Quote, Removal, Span

OUTLETS = ["Kyiv Ledger", "Baltic Wire", "Danube Herald", "Northern Courier", "Eastern Dispatch", "Atlantic Monitor"]
SPEAKERS = [("Pavel Orlov", "person"), ("Jane Harper", "person"), ("Olena Kravets", "person"), ("Marek Nowak", "person"),
            ("the Defence Ministry", "organisation"), ("Ivan Petrenko", "person")]
ANONYMOUS = ["three people familiar with the matter", "a senior official who asked not to be named", "a diplomatic source"]
MEDIA = [None, None, "Radio Free Europe", "LBC", "Bloomberg"]
ACTORS = [("Ukraine", "GPE"), ("Russia", "GPE"), ("NATO", "ORG"), ("the European Union", "ORG"), ("Kyiv", "GPE"),
          ("Moscow", "GPE"), ("Pavel Orlov", "PERSON")]
ROLES = {"Protagonist": ["Guardian", "Peacemaker", "Virtuous"], "Antagonist": ["Instigator", "Aggressor", "Tyrant"],
         "Innocent": ["Victim", "Exploited"]}
# (narrative, subnarrative, an evidence sentence written for it, a claim a speaker makes)
NARRATIVES = [
    ("URW: Discrediting Ukraine", "URW: Discrediting Ukraine: Situation in Ukraine is hopeless",
     "Commentators on the channel insisted the defence lines could not hold through another winter.",
     "the front will break by spring"),
    ("URW: Discrediting the West, Diplomacy", "URW: Discrediting the West, Diplomacy: West is tired of Ukraine",
     "Several columnists wrote that Western capitals had quietly lost interest in the conflict.",
     "the allies are running out of patience with Kyiv"),
    ("URW: Amplifying war-related fears", "URW: Amplifying war-related fears: By continuing the war we risk WWIII",
     "The broadcast warned viewers that every new shipment of weapons brought a wider war closer.",
     "each new delivery of missiles pushes Europe towards a world war"),
    ("URW: Negative Consequences for the West", "URW: Negative Consequences for the West: Sanctions imposed by Western countries will backfire",
     "Energy bills in several European countries were described as the price of the sanctions.",
     "the sanctions are hurting European households more than Moscow"),
    ("URW: Praise of Russia", None,
     "The report praised the new production lines that were said to work around the clock.",
     "the factories are producing more shells than ever before"),
]
FILLER = [
    "Talks between the delegations were expected to resume later in the month.",
    "Local authorities reported damage to a power station overnight.",
    "The statement was published on the ministry's website on Tuesday.",
    "Residents described long queues at the remaining fuel stations.",
    "Officials did not say when the next round of aid would arrive.",
    "Observers noted that the border crossing had reopened after two days.",
]
BOILERPLATE = [("Sign up for our daily newsletter", "newsletter"), ("Related coverage: more stories from the region", "related"),
               ("Post a comment", "comment prompt")]


def synthetic_article(i: int, rng: random.Random, start: dt.date = dt.date(2024, 1, 1), days: int = 365) -> Article:
    """Article number ``i``: a few paragraphs with quotes, 0-2 narratives with evidence, 2-4 actors."""
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    published = start + dt.timedelta(days=rng.randrange(days))
    chosen = rng.sample(range(len(NARRATIVES)), k=rng.choice([0, 1, 1, 2]))
    parts: list[str] = []
    pos = 0

    def add(piece: str, sep: str = " ") -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append(sep)
            pos += len(sep)
        parts.append(piece)
        s = pos
        pos += len(piece)
        return s, pos

    title = f"Report {i}: {rng.choice(['Front line', 'Talks', 'Sanctions', 'Energy', 'Aid'])} update from {outlet}"
    add(rng.choice(FILLER))
    narratives: list[Label] = []
    subnarratives: list[Label] = []
    quotes: list[Quote] = []
    for k in chosen:
        narr, sub, evidence, claim = NARRATIVES[k]
        s, e = add(evidence, "\n\n")
        score = round(rng.uniform(0.45, 0.98), 3)
        narratives.append(Label(narr, score, [Span(s, e, evidence)]))
        if sub:
            subnarratives.append(Label(sub, round(score * rng.uniform(0.7, 1.0), 3), [Span(s, e, evidence)]))
        quotes.append(_quote(rng, add, claim))
    for _ in range(rng.randrange(1, 3)):
        add(rng.choice(FILLER), "\n\n")
        if rng.random() < 0.6:
            quotes.append(_quote(rng, add, rng.choice(FILLER).rstrip(".").lower()))
    text = "".join(parts)
    entities = []
    for name, etype in rng.sample(ACTORS, k=rng.randrange(2, 5)):
        s = text.find(name)
        if s < 0:
            s, e = 0, 0
            mentions: list[Span] = []
        else:
            e = s + len(name)
            mentions = [Span(s, e, name)]
        role = rng.choice(list(ROLES))
        fine = [rng.choice(ROLES[role])]
        sent = next(((a, b) for a, b in _sentences(text) if a <= s < b), (0, 0)) if mentions else None
        entities.append(Entity(text=name, start=s, end=e, main_role=role, fine_roles=fine, score=round(rng.uniform(0.5, 0.95), 3),
                               fine_role_scores={fine[0]: round(rng.uniform(0.3, 0.9), 3)}, type=etype, mentions=mentions,
                               evidence=[Span(sent[0], sent[1], text[sent[0]:sent[1]])] if sent and sent[1] > sent[0] else []))
    explanation = None
    if narratives:
        top = max(narratives, key=lambda lab: lab.score)
        explanation = Explanation(f"The article presents the view that {NARRATIVES[[n[0] for n in NARRATIVES].index(top.label)][3]}.",
                                  top.label, list(top.evidence))
    removed = [Removal(text, reason) for text, reason in rng.sample(BOILERPLATE, k=rng.randrange(0, 3))]
    raw = title + "\n\n" + text + "".join("\n" + r.text for r in removed)
    art = Article(id=f"synthetic-{i:06d}", text=text, title=title, language="en", language_score=0.99,
                  url=f"https://news.example/{outlet.lower().replace(' ', '-')}/{i}", outlet=outlet,
                  published=published.isoformat(), source_format="text", raw_text=raw, removed=removed, quotes=quotes,
                  narratives=narratives, subnarratives=subnarratives, entities=entities, explanation=explanation,
                  timings={"clean": 0.001}, meta={"synthetic": True})
    art.compute_hash()
    return art


def _quote(rng: random.Random, add, claim: str) -> Quote:
    if rng.random() < 0.25:
        speaker, stype, anon = rng.choice(ANONYMOUS), "anonymous", True
    else:
        (speaker, stype), anon = rng.choice(SPEAKERS), False
    medium = rng.choice(MEDIA)
    hedge = rng.random() < 0.2
    lead = speaker[0].upper() + speaker[1:]
    cue = "told " + medium if medium else "said"
    prefix = f"{lead} {'reportedly ' if hedge else ''}{cue} that "
    s, e = add(prefix + claim + ".")
    qs = s + len(prefix)
    return Quote(speaker=speaker, text=claim, kind="indirect", cue=cue.split()[0], anonymous=anon, medium=medium, hedged=hedge,
                 start=qs, end=qs + len(claim), hedges=["reportedly"] if hedge else [], speaker_mention=lead,
                 speaker_start=s, speaker_end=s + len(lead), speaker_type=stype, confidence=0.9)


def _sentences(text: str) -> list[tuple[int, int]]:
    from ..text import sentences

    return sentences(text)


def synthetic_corpus(n: int, seed: int = 13, **kwargs) -> list[Article]:
    rng = random.Random(seed)
    return [synthetic_article(i, rng, **kwargs) for i in range(n)]
