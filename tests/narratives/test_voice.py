"""Whose voice a narrative's evidence is (narratives.voice): the article's own, or a statement it quotes."""
from narrascope.doc import Article, Quote, Span
from narrascope.narratives.voice import voice_evidence

TEXT = ("The Kremlin spokesman said that the Ukrainian army was collapsing and would soon give up. "
        "Ukrainian units repelled twelve assaults near the river on Tuesday.")


def test_sentence_inside_a_quote_carries_its_speaker_and_hedge():
    s1 = Span(0, TEXT.index(" Ukrainian units") , TEXT[:TEXT.index(" Ukrainian units")])
    s2 = Span(TEXT.index("Ukrainian units"), len(TEXT), TEXT[TEXT.index("Ukrainian units"):])
    content = "the Ukrainian army was collapsing and would soon give up"
    q = Quote(speaker="Dmitry Peskov", text=content, kind="indirect", cue="said", start=TEXT.index(content),
              end=TEXT.index(content) + len(content), hedged=True, hedges=["claimed"])
    ev = voice_evidence([s1, s2], [q])
    assert (ev[0].quoted, ev[0].speaker, ev[0].hedged) == (True, "Dmitry Peskov", True)
    assert (ev[1].quoted, ev[1].speaker) == (False, None)  # the article's own voice
    assert (ev[0].start, ev[0].end, ev[0].text) == (s1.start, s1.end, s1.text)


def test_a_short_quote_inside_a_long_sentence_does_not_make_it_quoted():
    text = "Officials, who described the strike as “a tragedy”, said rescue work would go on through the night in the city."
    q = Quote(speaker="officials", text="a tragedy", kind="direct", cue=None, start=text.index("a tragedy"), end=text.index("a tragedy") + 9)
    assert voice_evidence([Span(0, len(text), text)], [q])[0].quoted is False


def test_pipeline_marks_quoted_evidence(monkeypatch):
    """attribution then narratives: evidence sentences that are reported speech carry the speaker."""
    from narrascope.pipeline import Pipeline, load_config

    text = ("Kremlin spokesman Dmitry Peskov said on Monday that the Ukrainian army is exhausted and collapsing. "
            "Peskov said that Kyiv is running out of soldiers and that Western weapons are being wasted. "
            "He also said that the Ukrainian government will soon have to accept Russia's terms.")
    art = Article(id="voice", text=text, title="Peskov: Ukrainian army collapsing", language="en")
    pipe = Pipeline.from_config(load_config(), only=["attribution", "narratives"])
    out = list(pipe.pipe([art]))[0]
    assert out.quotes, "attribution found the reported speech"
    evidence = [ev for lab in out.narratives + out.subnarratives for ev in lab.evidence]
    assert evidence and all(hasattr(ev, "quoted") for ev in evidence)
    assert any(ev.quoted and ev.speaker and "Peskov" in ev.speaker for ev in evidence)
