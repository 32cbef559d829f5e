"""Hand-built analysed articles for the report tests (text written for these tests, not from any corpus)."""
from __future__ import annotations

from narrascope.doc import Article, Duplicate, Entity, Explanation, Label, Quote, Removal, Span

TEXT = (
    "The former defence minister, Pavel Orlov, has said the army is running short of reserves.\n\n"
    "Orlov told Radio Liberty, \"I think by spring the front will break.\"\n\n"
    "He went on that it is \"obvious the government will not stop\" before the elections.\n\n"
    "Analyst Jane Harper told LBC the talks had stalled. \"Both delegations want a ceasefire on paper.\n\n"
    "\"But neither will give up an inch of land,\" she said.\n\n"
    "Three people familiar with the matter said the convoy had reportedly been hit near the river crossing.\n\n"
    "Officials in the capital <script>alert('x')</script> denied the report & called it <b>fake</b>."
)


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str) -> Span:
    s, e = at(text, needle)
    return Span(s, e, text[s:e])


def quote(text, speaker, content, kind, cue, mention, **kw) -> Quote:
    s, e = at(text, content)
    q = Quote(speaker=speaker, text=content, kind=kind, cue=cue, start=s, end=e, **kw)
    if mention:
        q.speaker_mention = mention
        q.speaker_start, q.speaker_end = at(text, mention)
    if cue:
        q.cue_start, q.cue_end = at(text, cue)
    return q


def make_article(id: str = "EN_TEST_1", text: str = TEXT) -> Article:
    t = text
    art = Article(id=id, text=t, title="Reserves run short, says former minister", language="en", language_score=0.99,
                  outlet="Example Daily", published="2024-03-02", url="https://example.org/news/1")
    art.quotes = [
        quote(t, "Pavel Orlov", "the army is running short of reserves", "indirect", "has said", "Pavel Orlov"),
        quote(t, "Pavel Orlov", "I think by spring the front will break.", "direct", "told", "Orlov", medium="Radio Liberty"),
        quote(t, "Pavel Orlov", "obvious the government will not stop", "direct", "went on", "He"),
        quote(t, "Jane Harper", "Both delegations want a ceasefire on paper.\n\n\"But neither will give up an inch of land,",
              "direct", "she said", "she", medium="LBC"),
        quote(t, "three people familiar with the matter", "the convoy had reportedly been hit near the river crossing",
              "indirect", "said", "Three people familiar with the matter", anonymous=True, hedged=True,
              hedges=["reportedly"], speaker_type="anonymous"),
    ]
    art.narratives = [Label("URW: Discrediting Ukraine", 0.71, [span(t, "I think by spring the front will break.")]),
                      Label("URW: Speculating war outcomes", 0.55, [])]
    art.subnarratives = [Label("URW: Discrediting Ukraine: Ukrainian army is collapsing", 0.64,
                               [span(t, "The former defence minister, Pavel Orlov, has said the army is running short of reserves.")])]
    orlov = span(t, "Pavel Orlov")
    art.entities = [Entity(text="Pavel Orlov", start=orlov.start, end=orlov.end, main_role="Antagonist",
                           fine_roles=["Instigator"], score=0.8, fine_role_scores={"Instigator": 0.6}, type="PERSON",
                           mentions=[orlov, span(t, "Orlov told")],
                           evidence=[span(t, "Orlov told Radio Liberty, \"I think by spring the front will break.\"")]),
                    Entity(text="Jane Harper", start=at(t, "Jane Harper")[0], end=at(t, "Jane Harper")[1],
                           main_role="Protagonist", fine_roles=["Peacemaker"], score=0.7, type="PERSON",
                           mentions=[span(t, "Jane Harper")])]
    art.explanation = Explanation("A former minister predicts the front will break by spring.", "URW: Discrediting Ukraine",
                                  [span(t, "I think by spring the front will break.")])
    art.removed = [Removal("Sign up for our newsletter", "signup"), Removal("Read more: <i>Five other headlines</i>", "related")]
    art.warnings = ["[E103] Component 'framing' failed on article 'EN_TEST_1': test warning"]
    art.timings = {"clean": 0.01, "attribution": 0.02}
    return art
