"""Hand-written analysed articles for store/API/web tests (text written for these tests)."""
from __future__ import annotations

from narrascope.doc import Article, Duplicate, Entity, Explanation, Label, Quote, Removal, Span


def make_article(aid: str, outlet: str | None, published: str | None, narratives=(), quotes=(), entities=(),
                 title: str | None = None, body: str | None = None) -> Article:
    """``quotes``: (speaker, claim, anonymous, hedged, medium); ``narratives``: (label, score); ``entities``: (name, role)."""
    text = body or f"Officials in the region met on {published or 'an unknown day'} to discuss the situation."
    art = Article(id=aid, title=title or f"Story {aid}", outlet=outlet, published=published, language="en", language_score=0.98)
    for speaker, claim, anonymous, hedged, medium in quotes:
        lead = f"{speaker or 'Someone'} {'reportedly ' if hedged else ''}said that "
        start = len(text) + 1 + len(lead)
        text += " " + lead + claim + "."
        art.quotes.append(Quote(speaker=speaker, text=claim, kind="indirect", cue="said", anonymous=anonymous,
                                medium=medium, hedged=hedged, start=start, end=start + len(claim),
                                hedges=["reportedly"] if hedged else [], speaker_type="anonymous" if anonymous else "person"))
    first = text.find(".") + 1
    for label, score in narratives:
        lab = Label(label, score, [Span(0, first, text[:first])])
        (art.subnarratives if label.count(":") >= 2 else art.narratives).append(lab)
    for name, role in entities:
        s = text.find(name)
        span = Span(s, s + len(name), name) if s >= 0 else None
        art.entities.append(Entity(text=name, start=max(s, 0), end=max(s, 0) + len(name) if span else 0, main_role=role,
                                   fine_roles=["Victim"] if role == "Innocent" else ["Guardian"] if role == "Protagonist" else ["Instigator"],
                                   score=0.8, type="GPE", mentions=[span] if span else [], evidence=[Span(0, first, text[:first])]))
    art.text = text
    art.raw_text = (art.title or "") + "\n\n" + text
    art.compute_hash()
    return art


def rich_article() -> Article:
    """One article using every field of the data model."""
    text = ('The former defence minister, Pavel Orlov, said the reserves were running low.\n\n'
            'Orlov told Radio North, "I think by spring the front will break."\n\n'
            'Three people familiar with the matter said the talks had reportedly stalled.')
    q1 = text.index("I think")
    q2 = text.index("the talks")
    art = Article(
        id="rich-1", text=text, title="Reserves running low, former minister says", language="en", language_score=0.97,
        url="https://news.example/rich-1", outlet="Baltic Wire", published="2024-05-02T08:30:00Z", author="A. Writer",
        source_path="/data/rich-1.txt", source_format="text",
        raw_text="Reserves running low, former minister says\n\nSign up now\n" + text + "\nPost a comment",
        removed=[Removal("Sign up now", "newsletter sign-up", 45, 56), Removal("Post a comment", "comment prompt", 300, 314)],
        quotes=[Quote(speaker="Pavel Orlov", text="I think by spring the front will break.", kind="direct", cue="told",
                      medium="Radio North", reported_by="Baltic Wire", start=q1, end=q1 + 39, speaker_mention="Orlov", speaker_start=text.index("Orlov told"),
                      speaker_end=text.index("Orlov told") + 5, cue_start=text.index("told"), cue_end=text.index("told") + 4,
                      speaker_type="person", confidence=0.93),
                Quote(speaker="three people familiar with the matter", text="the talks had reportedly stalled", kind="indirect",
                      cue="said", anonymous=True, hedged=True, hedges=["reportedly"], start=q2, end=q2 + 32, speaker_type="anonymous")],
        narratives=[Label("URW: Discrediting Ukraine", 0.81, [Span(0, 77, text[:77])], tier="confident")],
        subnarratives=[Label("URW: Discrediting Ukraine: Situation in Ukraine is hopeless", 0.66, [Span(0, 77, text[:77])], tier="likely")],
        entities=[Entity("Pavel Orlov", 29, 40, main_role="Protagonist", fine_roles=["Guardian", "Virtuous"], score=0.7,
                         fine_role_scores={"Guardian": 0.6, "Virtuous": 0.4}, type="PERSON",
                         mentions=[Span(29, 40, "Pavel Orlov"), Span(text.index("Orlov told"), text.index("Orlov told") + 5, "Orlov")],
                         evidence=[Span(0, 77, text[:77])]),
                  Entity("Radio North", text.index("Radio North"), text.index("Radio North") + 11, type="ORG", framed=False,
                         framed_score=0.12, mentions=[Span(text.index("Radio North"), text.index("Radio North") + 11, "Radio North")])],
        explanation=Explanation("The article says the army is close to collapse.", "URW: Discrediting Ukraine", [Span(0, 77, text[:77])]),
        duplicate_of=Duplicate("rich-0", "near", 0.91),
        warnings=["[E103] Component 'framing' failed on article 'rich-1': test"],
        timings={"clean": 0.01, "attribution": 0.2},
        meta={"file_name": "rich-1.txt", "extra": [1, 2]},
    )
    art.compute_hash()
    return art


def small_corpus() -> list[Article]:
    """Six articles over three weeks and three outlets with known counts."""
    D, W, F = "URW: Discrediting Ukraine", "URW: Discrediting the West, Diplomacy", "URW: Amplifying war-related fears"
    return [
        make_article("a1", "Outlet A", "2024-03-04", [(D, 0.9), (W, 0.6)],
                     [("Pavel Orlov", "the front will break", False, False, None),
                      ("a senior official", "the aid will stop", True, False, None)], [("Ukraine", "Innocent")],
                     body="Ukraine faced a hard week. Officials met."),
        make_article("a2", "Outlet A", "2024-03-06", [(D, 0.7)],
                     [("Pavel Orlov", "the reserves are gone", False, True, "Radio North")], [("Ukraine", "Innocent"), ("NATO", "Antagonist")],
                     body="NATO and Ukraine were discussed. More talks followed."),
        make_article("a3", "Outlet B", "2024-03-12", [(W, 0.8)],
                     [("Jane Harper", "both sides want a ceasefire", False, False, "LBC"),
                      (None, "nothing will change", False, False, None)], [("NATO", "Protagonist")],
                     body="NATO leaders gathered in the capital."),
        make_article("a4", "Outlet B", "2024-03-13", [(F, 0.55), ("URW: Amplifying war-related fears: By continuing the war we risk WWIII", 0.5)],
                     [("Jane Harper", "the risk is growing", False, False, None)], [],
                     body="The warning came late at night."),
        make_article("a5", "Outlet C", "2024-03-20", [],
                     [("a senior official", "the convoy was delayed", True, True, None)], [("Ukraine", "Protagonist")],
                     body="Ukraine received a new convoy of trucks."),
        make_article("a6", None, None, [(D, 0.3)], [], [], body="An undated note about sanctions."),
    ]
