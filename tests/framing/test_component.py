"""The framing component with the bundled model, on an article we wrote."""
import pytest

from narrascope.doc import Article, Label
from narrascope.framing.component import make_component
from narrascope.framing.model import RoleModel, load_taxonomy

TEXT = (
    "Border guards say General Tomas Varga ordered the shelling of the village of Pellin.\n\n"
    "Varga's artillery destroyed the school and the clinic, and dozens of villagers were killed. "
    "Aid worker Lena Morrow, who stayed behind to evacuate children, said the families had nowhere to go. "
    "Morrow has since brought forty orphans to safety across the river. "
    "NATO said it would send tents and medicine."
)


@pytest.fixture(scope="module")
def article():
    comp = make_component({"model": "bundled"})
    art = Article("t1", text=TEXT, language="en", narratives=[Label("URW: Some narrative", 0.7)])
    return comp(art)


@pytest.mark.slow
def test_entities_have_valid_roles_and_offsets(article):
    parent = load_taxonomy()
    assert article.entities, "the component found no actors"
    assert any(ent.framed for ent in article.entities)
    for ent in article.entities:
        assert 0.0 <= ent.framed_score <= 1.0
        assert TEXT[ent.start:ent.end] == ent.mentions[0].text
        for sp in ent.mentions + ent.evidence:
            assert 0 <= sp.start < sp.end <= len(TEXT) and TEXT[sp.start:sp.end] == sp.text
        if not ent.framed:  # merely mentioned: no role at all
            assert ent.main_role is None and not ent.fine_roles and not ent.evidence
            continue
        assert ent.main_role in ("Protagonist", "Antagonist", "Innocent")
        assert ent.fine_roles and all(parent[f] == ent.main_role for f in ent.fine_roles)
        assert 0.0 < ent.score <= 1.0
        assert ent.evidence and any(ev.start <= m.start < ev.end for ev in ent.evidence for m in ent.mentions)


@pytest.mark.slow
def test_actor_mentions_merged(article):
    names = {e.text: e for e in article.entities}
    assert "Tomas Varga" in names
    assert [m.text for m in names["Tomas Varga"].mentions] == ["Tomas Varga", "Varga"]
    assert len(names["Lena Morrow"].mentions) == 2


@pytest.mark.slow
def test_every_actor_gets_a_role_with_threshold_zero():
    comp = make_component({"model": "bundled", "framed_threshold": 0})
    art = comp(Article("t2", text=TEXT, language="en"))
    assert art.entities and all(e.framed and e.main_role for e in art.entities)


@pytest.mark.slow
def test_the_component_reads_the_shared_analysis():
    comp = make_component({"model": "bundled"})
    art = Article("t3", text=TEXT, language="en")
    doc = art.analysis.doc
    comp.pipe([art])
    assert art.analysis.doc is doc  # one parse for all stages
    assert art.analysis.has_sentence_vectors(comp.model.embedder)


def test_bundled_model_loads_and_is_small():
    from narrascope.framing.model import default_model_dir

    model = RoleModel.load()
    assert len(model.fine_roles) == 22
    size = sum(p.stat().st_size for p in default_model_dir().iterdir())
    assert size < 20_000_000
    assert "SemEval-2025 Task 10" in (default_model_dir() / "README.md").read_text("utf-8")


def test_missing_model_dir_is_a_clear_error(tmp_path):
    from narrascope.errors import NarrascopeError

    with pytest.raises(NarrascopeError) as err:
        RoleModel.load(tmp_path / "nope")
    assert "E201" in str(err.value) and "nope" in str(err.value)
