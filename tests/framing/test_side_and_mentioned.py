"""The article's side (what the role model reads to cast an actor as this article does), the evaluative tags,
and the shapes that make an actor "mentioned" rather than cast. Articles written for these tests."""
import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.framing.features import (CAMPS, N_SIDE, MentionContext, camp_of, evaluative_tags, narrative_side,
                                         side_block)
from narrascope.framing.side import fit_side


def test_narrative_side_follows_the_taxonomy():
    assert narrative_side(["URW: Discrediting Ukraine", "URW: Discrediting Ukraine: Discrediting Ukrainian military"]) == 1
    assert narrative_side(["CC: Downplaying climate change"]) == 1
    assert narrative_side(["Other"]) == 0
    assert narrative_side(["URW: Overpraising the West", "URW: Overpraising the West: Other"]) == -1
    # the narrative "Speculating war outcomes" serves either side: its subnarrative decides
    assert narrative_side(["URW: Speculating war outcomes", "URW: Speculating war outcomes: Russian army is collapsing"]) == -1
    assert narrative_side(["URW: Speculating war outcomes", "URW: Speculating war outcomes: Ukrainian army is collapsing"]) == 1


def test_camps():
    assert [camp_of(x) for x in ("Vladimir Putin", "the Kremlin", "Kyiv", "Armed Forces of Ukraine", "NATO", "US",
                                 "Al Gore", "Azerbaijan")] == ["RU", "RU", "UA", "UA", "WEST", "WEST", "CLIMATE", "OTHER"]


def test_evaluative_tags_read_who_does_what():
    assert "ev_does_harm" in evaluative_tags("Residents said ENTX shelled their homes again.")
    assert "ev_does_help" in evaluative_tags("ENTX soldiers evacuated the wounded under fire.")
    assert "ev_harmed" in evaluative_tags("The drones attacked ENTX overnight.")
    assert "ev_helped" not in evaluative_tags("Residents said ENTX is calm.")  # "said" is not "aid"
    assert evaluative_tags("no placeholder here") == []


def test_side_block_separates_the_same_actor_by_side():
    pro = MentionContext("Russia", "ENTX attacked", "URW", (0, 5), tags=["agent"], side=0.9, camp="RU")
    anti = MentionContext("Russia", "ENTX attacked", "URW", (0, 5), tags=["agent"], side=-0.9, camp="RU")
    a, b = side_block([pro, anti])
    assert a.shape == (N_SIDE,)
    k = len(CAMPS) + CAMPS.index("RU")
    assert a[k] == pytest.approx(0.9) and b[k] == pytest.approx(-0.9)
    assert a[CAMPS.index("RU")] == b[CAMPS.index("RU")] == 1.0  # the camp alone: the same


def test_fit_side_scores_have_the_right_sign():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 8)).astype(np.float32)
    y = np.where(X[:, 0] > 0.5, 1, np.where(X[:, 0] < -0.5, -1, 0))
    m = fit_side(X, y)
    s = m.scores(X)
    assert s[y == 1].mean() > 0.3 and s[y == -1].mean() < -0.3
    assert np.all((-1 <= s) & (s <= 1))


MENTIONED_TEXT = (
    "Delegates from both sides met in Baku, Azerbaijan, on Monday. Reuters reported that the talks stalled "
    "after two hours. \"Neither side wants to move first,\" said Daniel Kessler, a military analyst at the "
    "Hollis Institute. The Russian army shelled the town of Pellin again overnight, and Russia rejected every "
    "proposal for a ceasefire. According to Reuters, the army killed three civilians."
)


@pytest.mark.slow
def test_places_sources_and_experts_are_mentioned_by_shape():
    from narrascope.framing.entities import ActorFinder
    from narrascope.framing.framed import NUMERIC, not_cast_by_shape, numeric_features

    art = Article("m1", text=MENTIONED_TEXT, language="en")
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    dense = {n: np.pad(numeric_features(art, a), (0, 8)) for n, a in actors.items()}
    shape = {n: bool(not_cast_by_shape(d[None, :])[0]) for n, d in dense.items()}
    assert len(NUMERIC) == 20
    assert shape["Baku"] and shape["Azerbaijan"], shape  # named only as where the delegates met
    assert shape["Reuters"], shape  # an outlet cited as a source
    assert shape["Daniel Kessler"], shape  # an expert quoted for his expertise
    assert not shape["Russia"], shape  # it acts: the text may cast it


@pytest.mark.slow
def test_component_lists_them_as_mentioned_and_casts_the_actor():
    from narrascope.framing.component import make_component

    art = make_component({"model": "bundled"})(Article("m2", text=MENTIONED_TEXT, language="en"))
    by = {e.text: e for e in art.entities}
    for name in ("Baku", "Azerbaijan", "Reuters", "Daniel Kessler"):
        if name in by:
            assert not by[name].framed and by[name].main_role is None, (name, by[name])
    assert by["Russia"].framed and by["Russia"].main_role == "Antagonist", by["Russia"]


def test_bundled_model_reads_the_article_side():
    from narrascope.framing.model import RoleModel

    m = RoleModel.load()
    assert m.side is not None and m.config["weights"]["side"] > 0
    assert m.framed is not None and m.framed.relative and m.framed.shape_rules


@pytest.mark.slow
def test_an_academic_quoted_throughout_is_mentioned_not_cast():
    """A researcher with a title in the name ("Dr ..."), quoted for her reading of the war and never the agent
    or patient of an event, is a source the article leans on, not an actor it casts."""
    from narrascope.framing.entities import ActorFinder
    from narrascope.framing.framed import not_cast_by_shape, numeric_features

    text = ("Security officials privately accept that the offensive has failed, a researcher said on Friday. "
            "\"They know the front will not move this year,\" said Dr Hanna Orlik, who has interviewed former officers. "
            "Orlik added that the ministry \"cannot admit what everyone already knows\".")
    art = Article("m3", text=text, language="en")
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    name = next(n for n in actors if "Orlik" in n)
    dense = np.pad(numeric_features(art, actors[name]), (0, 8))
    assert bool(not_cast_by_shape(dense[None, :])[0]), name
