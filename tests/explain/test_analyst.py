"""The analyst's note: built from the article's own sentences, quotes and casting; no title line, caption, or cut."""
import re

import pytest

from narrascope.doc import Article, Entity, Label, Quote, Span
from narrascope.explain.analyst import Settings, clause_of, is_caption, is_title_line, narrative_clause
from narrascope.explain.component import make_component
from narrascope.explain.core import dominant_label

from test_explain import BagEmbedder, bag  # noqa: F401  (fixture)

TITLE = "Sanctions are hurting Europe more than Moscow"
# Our own article; it repeats its title as the first line and carries a caption.
TEXT = (
    "Sanctions are hurting Europe more than Moscow\n\n"
    "Photo: a closed factory near Leipzig (Getty Images)\n\n"
    "European factories are closing because gas prices tripled after the sanctions were imposed on Russia. "
    "The economist Anna Berg said that \"the sanctions have become a self-inflicted wound for European industry\". "
    "The weather in the capital was mild on Sunday, and many people walked in the parks of the city. "
    "Russian exports found new buyers in Asia within months, the report adds."
)


def article(**kw):
    art = Article("x1", text=TEXT, title=TITLE, language="en",
                  subnarratives=[Label("URW: Negative Consequences for the West: Sanctions imposed by Western countries will backfire", 0.8)],
                  **kw)
    q_text = "the sanctions have become a self-inflicted wound for European industry"
    qs = TEXT.index(q_text)
    sp = TEXT.index("Anna Berg")
    art.quotes = [Quote(speaker="Anna Berg", text=q_text, kind="direct", cue="said", start=qs, end=qs + len(q_text),
                        speaker_start=sp, speaker_end=sp + len("Anna Berg"))]
    return art


def test_note_is_grounded_short_and_whole(bag):
    art = make_component({})(article())
    exp = art.explanation
    assert exp is not None
    words = exp.text.split()
    assert 10 <= len(words) <= 80
    assert exp.text.startswith("The text ")
    assert re.search(r"[.!?]$", exp.text)
    assert "Getty" not in exp.text and "Photo" not in exp.text
    assert not exp.text.count(TITLE)  # never the title line, though the text repeats it
    assert "weather" not in exp.text
    for sp in exp.evidence:
        assert TEXT[sp.start:sp.end] == sp.text
    # every quoted clause is in an evidence span
    for clause in re.findall(r"(?:It says that|saying that|According to [^,]+,) ([^.]+)\.", exp.text):
        assert any(clause.lower()[:30] in sp.text.lower() for sp in exp.evidence), clause


def test_speaker_of_an_evidence_quote_is_named(bag):
    comp = make_component({"evidence_sentences": 2, "budget": 70})
    exp = comp(article()).explanation
    assert "Anna Berg" in exp.text


def test_casting_clause_names_the_cast_actor(bag):
    art = article()
    s = TEXT.index("European factories")
    art.entities = [Entity("European Union", s, s + 8, main_role="Innocent", fine_roles=["Victim"], score=0.9,
                           evidence=[Span(s, s + 20, TEXT[s:s + 20])]),
                    Entity("Leipzig", 0, 1, framed=False, framed_score=0.1)]
    exp = make_component({"casting": True, "budget": 70})(art).explanation
    assert "It casts European Union as a victim." in exp.text
    assert "Leipzig" not in exp.text


def test_helpers():
    assert is_caption("Photo: a closed factory (Getty Images)")
    assert not is_caption("European factories are closing because gas prices tripled.")
    assert is_title_line("Sanctions are hurting Europe more than Moscow.", TITLE)
    dom = dominant_label("URW: Discrediting Ukraine", "URW: Discrediting Ukraine: Ukraine is a puppet of the West")
    assert narrative_clause(dom) == "The text discredits Ukraine, claiming that Ukraine is a puppet of the West."
    long = "One two three four five six seven, eight nine ten eleven twelve thirteen fourteen fifteen."
    assert clause_of(long, 0, len(long), 8) == (0, long.index(","))
    assert clause_of(long, 0, len(long), 5) is None  # no clause boundary fits: not cut
    assert Settings().budget <= 80
