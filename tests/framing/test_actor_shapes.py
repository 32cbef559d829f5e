"""Actors an analyst would recognise, on articles written for these tests: no alias matched inside a longer
name, no name fragments, an outlet the article attacks is cast while a cited one stays "mentioned", and one
actor per person under all its names."""
import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.framing.entities import ActorFinder, in_longer_name

LONGER_NAMES_TEXT = (
    "Scientists said on Monday that the ice of West Antarctica is thinning faster than expected. "
    "Outside West Antarctica, the ice sheet grew. Settlers in the West Bank and a clerk at Western Union were "
    "interviewed, and North Korea fired another missile. The singer Kanye West was not asked. "
    "Critics said the West had ignored the warnings for a decade."
)


@pytest.mark.slow
def test_an_alias_inside_a_longer_name_is_not_that_actor():
    found = {a.name: a for a in ActorFinder().find(LONGER_NAMES_TEXT, "en")}
    west = found.get("the West")
    assert west is not None, sorted(found)
    at = LONGER_NAMES_TEXT.index("the West had")
    # only "the West had ignored": not West Antarctica, the West Bank, Western Union or Kanye West
    assert len(west.mentions) == 1 and at <= west.mentions[0].start <= at + 4, [m.text for m in west.mentions]


@pytest.mark.parametrize("text, alias, longer", [
    ("the ice of West Antarctica is thinning", "West", True),
    ("North Korea fired a missile", "Korea", True),  # a place-forming word opens the sentence
    ("a report aired by Russia Today last week", "Russia", True),
    ("critics said the West had ignored it", "West", False),
    ("Yesterday Russia said no", "Russia", False),  # a sentence's first word is capitalised anyway
    ("talks with President Putin went nowhere", "Putin", False),  # a title, not a longer name
    ("said NATO Secretary General Jens Stoltenberg", "NATO", False),  # an office after an organisation
    ("tired of Biden's America now", "America", False),  # a possessive
    ("the Russia-Ukraine war goes on", "Ukraine", False),  # two actors joined by a hyphen
    ("the North-West of the country", "West", True),
    ("West Warns Russia Over Ukraine Talks", "Russia", False),  # a title-case headline line
])
def test_in_longer_name_without_a_parse(text, alias, longer):
    s = text.index(alias)
    assert in_longer_name(text, s, s + len(alias)) is longer


def test_capitalised_neighbours_are_read_in_english_only():
    """Russian puts a country's genitive next to a person's name ("президент России Владимир Путин"): there the
    neighbour rule would lose Russia, so it is off outside English; a bracketed acronym is never a longer name."""
    text = "Встреча с президентом России Владимиром Путиным прошла в Москве. Россия ответила на санкции."
    found = {a.name: a for a in ActorFinder().find(text, "ru")}
    assert len(found["Russia"].mentions) == 2, {k: [m.text for m in v.mentions] for k, v in found.items()}
    s = text.index("России")
    assert in_longer_name(text, s, s + len("России"))  # what the English rule would say
    assert not in_longer_name(text, s, s + len("России"), runs=False)
    en = "the European Union (EU) said"
    assert not in_longer_name(en, en.index("European Union"), en.index(" (EU)"))


FRAGMENTS_TEXT = (
    "US Secretary of State Antony Blinken met German Defense Minister Boris Pistorius in Berlin on Tuesday. "
    "\"We will not wait,\" Mr Lo told the committee. The prisoners were fed bread and water. "
    "Commission President Ursula von der Leyen said Europe would act, and von der Leyen repeated it later. "
    "Xi said China would stay neutral."
)


@pytest.mark.slow
def test_name_fragments_are_no_actors():
    found = {a.name: a for a in ActorFinder().find(FRAGMENTS_TEXT, "en")}
    names = set(found)
    for fragment in ("State", "Defense", "Lo", "fed", "Leyen"):
        assert fragment not in names, sorted(names)
    assert {"Antony Blinken", "Boris Pistorius", "United States", "China"} <= names, sorted(names)
    vdl = found["Ursula von der Leyen"]  # the tagger's "Leyen" grows to the full name and the short form joins it
    assert [m.text for m in vdl.mentions] == ["Ursula von der Leyen", "von der Leyen"]
    assert [m.text for m in found["Xi Jinping"].mentions] == ["Xi"]  # a short name the alias table knows
    for a in found.values():
        for m in a.mentions:
            assert FRAGMENTS_TEXT[m.start:m.end] == m.text


@pytest.mark.slow
def test_spellings_of_one_actor_merge():
    text = "Nato leaders met on Monday. RUSSIA said it would respond, and Russia later said Nato had lied."
    found = {a.name: a for a in ActorFinder().find(text, "en")}
    counts = {k: len(v.mentions) for k, v in found.items()}
    assert counts.get("NATO") == 2 and counts.get("Russia") == 2, counts


OUTLETS_TEXT = (
    "The Northgate Herald claims that the new dam will flood half the valley. The Herald has pushed this "
    "scare for years and ignored every survey that contradicts it. According to Reuters, the dam's reservoir "
    "will cover four square kilometres. Engineers at the site said the work would finish in spring. "
    "Local farmers praised the Valley Council for building new roads around the reservoir."
)


@pytest.mark.slow
def test_an_attacked_outlet_is_cast_and_a_cited_one_is_mentioned():
    from narrascope.framing.framed import NUMERIC, cast_by_text, not_cast_by_shape, numeric_features

    art = Article("o1", text=OUTLETS_TEXT, language="en")
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    herald = next(n for n in actors if "Herald" in n)
    dense = {n: np.pad(numeric_features(art, a), (0, 8)) for n, a in actors.items()}
    col = NUMERIC.index("cast_by_text")
    assert dense[herald][col] >= 0.5, dense[herald][col]  # "claims", "has pushed ... and ignored"
    assert dense["Reuters"][col] == 0
    assert bool(cast_by_text(dense[herald][None, :])[0])
    assert bool(not_cast_by_shape(dense["Reuters"][None, :])[0])  # "according to": a source only
    council = next(n for n in actors if "Council" in n)
    assert bool(cast_by_text(dense[council][None, :])[0])  # praised


@pytest.mark.slow
def test_component_casts_the_attacked_outlet():
    from narrascope.framing.component import make_component

    art = make_component({"model": "bundled"})(Article("o2", text=OUTLETS_TEXT, language="en"))
    by = {e.text: e for e in art.entities}
    herald = next(e for n, e in by.items() if "Herald" in n)
    assert herald.framed and herald.main_role is not None, herald
    assert "Reuters" in by and not by["Reuters"].framed and by["Reuters"].main_role is None, by["Reuters"]


def test_old_models_read_todays_features_by_name():
    """A framed model saved before ``cast_by_text`` existed reads the other columns by name."""
    from narrascope.framing.framed import NUMERIC, FramedModel

    m = FramedModel.__new__(FramedModel)
    m.config = {"numeric": [k for k in NUMERIC if k != "cast_by_text"]}
    cols = m.columns(len(NUMERIC) + 7)
    assert len(cols) == len(NUMERIC) + 6 and NUMERIC.index("cast_by_text") not in cols


MERGE_TEXT = (
    "Russian President Vladimir Putin's decree came into force on Monday. Kremlin spokesman Dmitry Peskov said "
    "President Putin had signed it after the Kremlin reviewed the draft. The Russian leader did not comment, and "
    "the Kremlin leader's critics abroad called it a provocation. Putin will speak on Friday."
)


@pytest.mark.slow
def test_putin_under_every_name_is_one_actor_and_the_kremlin_another():
    found = {a.name: a for a in ActorFinder().find(MERGE_TEXT, "en")}
    putin = [m.text for m in found["Vladimir Putin"].mentions]
    assert "Vladimir Putin" in putin and "Russian leader" in putin and "Kremlin leader" in putin, putin
    assert putin.count("Putin") == 2, putin  # "President Putin", "Putin will speak"
    # the spokesman's Kremlin and "the Kremlin reviewed": the government, not "the Kremlin leader"
    assert [m.text.removeprefix("the ") for m in found["the Kremlin"].mentions] == ["Kremlin", "Kremlin"]
    assert "Dmitry Peskov" in found
    assert not any("Putin" in n for n in found if n != "Vladimir Putin"), sorted(found)


@pytest.mark.slow
def test_outlets_joined_by_and_are_cast_together():
    """"The X and the Y are misleading their readers": the second conjunct shares the verb, and "play down" is
    read with its particle."""
    from narrascope.framing.framed import NUMERIC, numeric_features

    text = ("Two papers wrote about the floods this week. Both the Northgate Herald and the Daily Courier play down "
            "the role of the drought. The Northgate Herald and the Daily Courier are misleading their readers.")
    art = Article("o3", text=text, language="en")
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    col = NUMERIC.index("cast_by_text")
    for paper in ("Northgate Herald", "Daily Courier"):
        name = next(n for n in actors if paper in n)
        assert numeric_features(art, actors[name])[col] == 1.0, (name, [m.text for m in actors[name].mentions])


VOICE_TEXT = (
    "Norway has earned a fortune from the energy crisis while its neighbours pay. Critics say Oslo profits from the "
    "war and refuses to share the windfall with Europe. The Northern Gas Producers Association warned that a strike "
    "could cut exports by half. Norway rejected every call for a price cap."
)


@pytest.mark.slow
def test_an_organisation_that_only_speaks_once_is_mentioned():
    from narrascope.attribution import Attributor
    from narrascope.framing.framed import not_cast_by_shape, numeric_features, type_features

    art = Article("v1", text=VOICE_TEXT, language="en")
    art.quotes = Attributor().attribute_article(art)
    assert any("strike could cut exports" in q.text for q in art.quotes)
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    body = next(n for n in actors if "Producers" in n)
    rows = {n: np.concatenate([numeric_features(art, a), type_features(a), np.zeros(4, np.float32)])
            for n, a in actors.items()}
    assert actors[body].type == "ORG"
    assert bool(not_cast_by_shape(rows[body][None, :])[0])  # a voice only: "mentioned"
    assert not bool(not_cast_by_shape(rows["Norway"][None, :])[0])


NOT_ACTORS_TEXT = (
    "Orthodox Christians marked Easter on Sunday while the shelling went on. Forecasters said El Niño would bring "
    "a dry summer. On Victory Day the president praised the defeat of Nazi Germany and attacked the opposition. "
    "Mayor Anna Brandt said the city would rebuild the school."
)


@pytest.mark.slow
def test_holidays_weather_and_past_states_are_no_actors():
    names = {a.name for a in ActorFinder().find(NOT_ACTORS_TEXT, "en")}
    assert not names & {"Easter", "El Niño", "Victory Day", "Nazi Germany"}, names
    assert "Anna Brandt" in names, names


EXPERT_VOICE_TEXT = (
    "The invasion was an intelligence failure, an expert wrote on Sunday.\n\n"
    "Marta Kovalska is a historian at the University of Northgate. Writing in a weekly, Kovalska said the service "
    "had misread the country it was sent to conquer. The reports were written to please, Kovalska wrote. "
    "The service is more criminal than professional, Kovalska says. Its failures began years ago, said Kovalska.\n\n"
    "The ministry did not reply to a request for comment."
)


@pytest.mark.slow
def test_an_expert_voice_is_mentioned_not_cast():
    """Described as a historian once and speaking a quote in every other mention: a source, not a character."""
    from narrascope.analysis import prepare
    from narrascope.framing.framed import NUMERIC, numeric_features, not_cast_by_shape
    from narrascope.pipeline import Pipeline, load_config

    art = Article("expert", text=EXPERT_VOICE_TEXT, language="en")
    Pipeline.from_config(load_config(), only=["attribution"])(art)
    prepare([art], parse=True)
    actor = next(a for a in ActorFinder().find_in(art) if a.name == "Marta Kovalska")
    row = numeric_features(art, actor)
    assert 0 < row[NUMERIC.index("expertise")] < 0.5, dict(zip(NUMERIC, row))
    assert not_cast_by_shape(np.concatenate([row, np.zeros(4, np.float32)])[None, :])[0]


@pytest.mark.slow
def test_datelines_and_glued_headings_are_no_actors():
    text = ("OSLO — Protesters glued themselves to a painting in Oslo on Friday. Our Power GridsAs the grid fails, "
            "Mayor Anna Brandt said nothing. The Little Ice Age ended long ago.")
    names = {a.name for a in ActorFinder().find(text, "en")}
    assert not any(n in names for n in ("OSLO", "Our Power GridsAs", "Little Ice Age")), names
    assert "Anna Brandt" in names, names


@pytest.mark.slow
def test_a_place_possessive_of_its_parts_is_a_location():
    from narrascope.analysis import prepare
    from narrascope.framing.framed import NUMERIC, numeric_features

    text = ("Protesters threw paint at a painting in Oslo’s National Gallery on Friday. Oslo’s police arrested two "
            "people. Russia's invasion goes on. Russia’s Duma voted for it.")
    art = Article("place", text=text, language="en")
    prepare([art], parse=True)
    rows = {a.name: numeric_features(art, a) for a in ActorFinder().find_in(art)}
    assert rows["Oslo"][NUMERIC.index("location")] == 1.0, dict(zip(NUMERIC, rows["Oslo"]))
    assert rows["Russia"][NUMERIC.index("poss")] == 1.0  # a deed, a state's organ: the possessor's


def test_a_common_noun_opening_a_sentence_is_no_actor():
    text = ("Farmers near the river have started the harvest on fields cleared by deminers, officials said.\n\n"
            "One farmer said he had lost a tractor to a mine. Ukrainians returned to the village. Democrats objected.")
    names = {a.name for a in ActorFinder().find(text, "en")}
    assert "Farmers" not in names, names
    assert {"Ukrainians", "Democrats"} <= names, names  # never written in lower case: a group's name


def test_a_camp_opening_a_sentence_stays_an_actor():
    text = "Globalists want to control the food supply. The plans of the globalists are clear, the author wrote."
    assert "Globalists" in {a.name for a in ActorFinder().find(text, "en")}
