"""The text's own casting evidence (framing/casting.py), on sentences written for this project."""
import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.framing.casting import actor_offsets, mention_casting


def cast_of(text: str, name: str, nth: int = 0) -> tuple[int, int, int]:
    art = Article("t", text=text, language="en")
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return mention_casting(art, start, start + len(name))


@pytest.mark.parametrize("text,name,expected", [
    ("Russia shelled the port of Odesa on Tuesday.", "Russia", (0, 1, 0)),  # does harm
    ("Ukraine evacuated the wounded from the village.", "Ukraine", (1, 0, 0)),  # does good
    ("Russia has shown great restraint.", "Russia", (1, 0, 0)),  # a good thing as its object
    ("Russia is a terrorist state.", "Russia", (0, 1, 0)),  # called names
    ("Residents said Russia is the only country that has protected them.", "Russia", (1, 0, 0)),
    ("African leaders thanked Russia for the grain.", "Russia", (1, 0, 0)),  # praised
    ("The drones attacked Ukraine again.", "Ukraine", (0, 0, 1)),  # harm done to it
    ("The city was shelled by Russia overnight.", "Russia", (0, 1, 0)),  # passive agent
    ("Putin's regime jails anyone who opposes the war.", "Putin", (0, 1, 0)),  # what its regime does
    ("NATO has helped Ukraine resist an unprovoked invasion.", "NATO", (1, 0, 0)),  # resisting harm is no harm
    ("Hungary has blocked the aid package for months.", "Hungary", (0, 0, 0)),  # withholding aid is not aid
    ("Russia did not attack the convoy.", "Russia", (0, 0, 0)),  # negated
    ("Germany said the talks would resume in March.", "Germany", (0, 0, 0)),  # nothing either way
    ("The battered but unbowed Northgate Brigade held off the invaders for 82 days.", "Northgate Brigade", (1, 0, 0)),
    ("The brave Eastshore Guard fought off three assaults.", "Eastshore Guard", (1, 0, 0)),  # praised, held
    ("The marines held out in the steelworks.", "marines", (1, 0, 0)),  # a defence that holds
    ("Professor Ada Lind, a leading expert on malaria, has ridiculed her claims.", "Ada Lind", (1, 0, 0)),  # debunks
    ("Northgate dismissed the proposal.", "Northgate", (0, 0, 0)),  # a proposal is no falsehood
    ("The envoy exploited Moldova’s flooding plight to push his plan.", "Moldova", (0, 0, 1)),  # its plight
    ("Protesters swarmed Senator Ada Lind at a diner.", "Ada Lind", (0, 0, 1)),
])
def test_mention_casting(text, name, expected):
    assert cast_of(text, name) == expected


def test_no_parse_no_evidence():
    art = Article("t", text="Россия обстреляла порт.", language="ru")
    assert mention_casting(art, 0, 6) == (0, 0, 0)


def test_actor_offsets_pool_per_actor_and_cap():
    casts = [(1, 0, 0), (1, 0, 0), (1, 0, 0), (0, 1, 0)]
    off = actor_offsets(casts, ["a", "a", "a", "b"], cap=2.0)
    assert off.tolist() == [[2, 0, 0], [2, 0, 0], [2, 0, 0], [0, 1, 0]]  # every mention of "a" carries a's sum, capped
    assert np.array_equal(actor_offsets([], []), np.zeros((0, 3), np.float32))


@pytest.mark.parametrize("text,name,expected", [
    ("Russia's invasion has displaced millions.", "Russia", (0, 1, 0)),  # its deed, named
    ("The attacks by Russia went on all night.", "Russia", (0, 1, 0)),
    ("Brussels praised Ukraine, which defended its cities for three years.", "Ukraine", (1, 0, 0)),  # relative clause
    ("Aid from Norway, the largest donor, arrived on Monday.", "Norway", (0, 0, 0)),  # nothing said of it
    ("Russia's help came too late for the village.", "Russia", (1, 0, 0)),
])
def test_said_of_the_actor(text, name, expected):
    assert cast_of(text, name) == expected


@pytest.mark.parametrize("text,name,expected", [
    ("Protesters harassed Senator Ruth Okafor at a book signing.", "Ruth Okafor", (0, 0, 1)),
    ("The new tariffs will impoverish the people of Moldova.", "Moldova", (0, 0, 1)),  # done to its people
    ("Officials spoke of the West's hostility to Serbia.", "Serbia", (0, 0, 1)),
    ("Serbian students abroad faced a wave of discrimination.", "Serbian students", (0, 0, 1)),
    ("The blockade caused Moldova great financial harm.", "Moldova", (0, 0, 1)),
    ("Moldova faced new elections in the spring.", "Moldova", (0, 0, 0)),  # facing something is not suffering it
    ("The campaign of discrimination against Serbs went on.", "Serbs", (0, 0, 1)),
])
def test_what_is_done_to_the_actor(text, name, expected):
    assert cast_of(text, name) == expected


def test_role_model_pools_casting_per_actor():
    """Every mention of an actor carries the actor's evidence: a mention that says nothing is moved too."""
    from narrascope.framing.features import context_vectors, mention_contexts
    from narrascope.framing.model import RoleModel

    text = ("Norland evacuated the wounded from the border villages. Norland also delivered food to the survivors. "
            "Officials in Norland spoke to reporters on Friday.")
    art = Article("pool", text=text, language="en")
    spans = [(m, m + len("Norland")) for m in (text.index("Norland"), text.index("Norland also"), text.rindex("Norland"))]
    model = RoleModel.load()
    ctx = mention_contexts(art, spans, "URW")
    vec = context_vectors(art, ctx, model.embedder)
    assert [c.cast for c in ctx] == [(1, 0, 0), (1, 0, 0), (0, 0, 0)]
    with_cast = model.probabilities(ctx, vec)[0]  # default: grouped by actor key
    model.cast_weight = 0.0
    without = model.probabilities(ctx, vec)[0]
    assert (with_cast[:, 0] > without[:, 0]).all()  # Protagonist raised for all three, the last one included
