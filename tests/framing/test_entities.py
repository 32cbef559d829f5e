"""Actor finding and alias merging (spaCy NER for English, the alias table, titles)."""
import pytest

from narrascope.framing.entities import ActorFinder, AliasTable, _fold

TEXT = (
    "Russian President Vladimir Putin said on Tuesday that the West was to blame for the fighting. "
    "Putin told reporters that NATO expansion had left him no choice.\n\n"
    "The Armed Forces of Ukraine (AFU) said the shelling of Kharkiv went on overnight. "
    "The U.S. and the EU promised more aid, while the Kremlin said the United States was prolonging the war. "
    "Analyst Jane Harper said Harper's team saw no sign of a deal. "
    "The Russian president later repeated the claim."
)


@pytest.fixture(scope="module")
def actors():
    return {a.name: a for a in ActorFinder().find(TEXT, "en")}


@pytest.mark.slow
def test_person_surname_and_title_merge(actors):
    putin = actors["Vladimir Putin"]
    texts = [m.text for m in putin.mentions]
    assert "Putin" in texts and "Vladimir Putin" in texts
    assert "Russian president" in texts  # title joins the person the article names
    assert putin.type == "PERSON"
    assert [m.text for m in actors["Jane Harper"].mentions].count("Harper") == 1


@pytest.mark.slow
def test_alias_table_and_acronyms(actors):
    us = actors["United States"]
    assert {m.text for m in us.mentions} >= {"U.S.", "United States"}
    assert "AFU" in {m.text for m in actors["Armed Forces of Ukraine"].mentions}
    assert "EU" in {m.text for m in actors["European Union"].mentions}


@pytest.mark.slow
def test_kremlin_stays_its_own_actor(actors):
    assert "the Kremlin" in actors
    assert all(m.text != "Kremlin" and "Kremlin" not in m.text for m in actors["Vladimir Putin"].mentions)


@pytest.mark.slow
def test_mention_offsets_are_inside_text(actors):
    for a in actors.values():
        for m in a.mentions:
            assert 0 <= m.start < m.end <= len(TEXT)
            assert TEXT[m.start:m.end] == m.text


def test_title_without_named_person_creates_no_actor():
    text = "The Ukrainian president spoke to parliament in Kyiv. Россия и Украина."
    found = {a.name: a for a in ActorFinder().find(text, "ru")}
    assert "Volodymyr Zelensky" not in found
    assert "Russia" in found and "Ukraine" in found


def test_inflected_russian_forms_merge():
    text = "Путин заявил, что Россия готова. Позже Путина спросили о России и Украине."
    found = {a.name: a for a in ActorFinder().find(text, "ru")}
    assert len(found["Vladimir Putin"].mentions) == 2
    assert len(found["Russia"].mentions) == 2
    assert _fold("России") == _fold("Россию")


def test_alias_lookup():
    table = AliasTable.load()
    assert table.lookup("America")[0] == "United States"
    assert table.lookup("the Kremlin")[0] == "the Kremlin"
    assert table.lookup("Vilnora") is None


# Our own article: Putin under four names, the Kremlin as the government.
MERGE_TEXT = (
    "Vladimir Putin's spokesman said on Friday that talks were not on the agenda. "
    "The Russian leader has rejected every proposal so far, and the Kremlin leader is expected to speak again next week. "
    "Putin also met his security council. "
    "The Kremlin said separately that sanctions would not change its policy."
)


@pytest.mark.slow
def test_putin_names_merge_and_the_kremlin_stays_apart():
    found = {a.name: a for a in ActorFinder().find(MERGE_TEXT, "en")}
    putin = [m.text for m in found["Vladimir Putin"].mentions]
    assert "Vladimir Putin" in putin and "Putin" in putin
    assert "Russian leader" in putin and "Kremlin leader" in putin
    assert not any("'s" in t for t in putin)  # "Vladimir Putin's" -> the person
    kremlin = [m.text for m in found["the Kremlin"].mentions]
    assert kremlin == ["Kremlin"]  # the government, not "the Kremlin leader"
    for a in found.values():
        for m in a.mentions:
            assert MERGE_TEXT[m.start:m.end] == m.text


@pytest.mark.slow
def test_finder_reads_the_shared_parse():
    from narrascope.doc import Article

    art = Article("m1", text=MERGE_TEXT, language="en")
    doc = art.analysis.doc
    actors = {a.name for a in ActorFinder().find_in(art)}
    assert art.analysis.doc is doc  # no second parse
    assert {"Vladimir Putin", "the Kremlin"} <= actors


ACRONYM_TEXT = (
    "The International Energy Agency (IEA) warned on Thursday that Europe's gas storage would run low by March. "
    "The IEA said demand in Asia was rising fast. Analysts at the International Energy Agency expect prices to "
    "stay high, and the IEA's chief urged governments to save energy. The World Health Organization (WHO) and "
    "the WHO office in Geneva were not asked."
)


@pytest.mark.slow
def test_acronym_and_full_name_are_one_actor():
    found = ActorFinder().find(ACRONYM_TEXT, "en")
    names = [a.name for a in found]
    assert len(names) == len(set(n.lower() for n in names)), names  # no actor listed twice
    iea = [a for a in found if a.name == "International Energy Agency"]
    assert len(iea) == 1, names
    texts = [m.text for m in iea[0].mentions]
    assert "International Energy Agency" in texts and texts.count("IEA") >= 2, texts
    for a in found:
        for m in a.mentions:
            assert ACRONYM_TEXT[m.start:m.end] == m.text


def test_the_federation_and_the_united_states_merge_in_bulgarian_and_russian():
    from narrascope.framing.entities import ActorFinder

    bg = "Руската федерация отговори на Съединените щати. Русия няма да отстъпи, каза министърът. САЩ мълчат."
    found = {a.name: [m.text for m in a.mentions] for a in ActorFinder().find(bg, "bg")}
    assert found.get("Russia") == ["Руската федерация", "Русия"] and found.get("United States") == ["Съединените щати", "САЩ"]
    ru = "Российская Федерация ответила. Соединенные Штаты промолчали, а США ждут."
    found = {a.name: [m.text for m in a.mentions] for a in ActorFinder().find(ru, "ru")}
    assert found.get("United States") == ["Соединенные Штаты", "США"] and "Russia" in found


def test_declined_russian_names_meet_their_nominative():
    # "Владимиром Путиным" was an actor of its own beside Putin, "Андрея Ермака" beside "Ермак", "Киева" beside "Киев"
    text = ("Встреча с Владимиром Путиным прошла в Кремле. Путин говорил о Киеве.\n\n"
            "Глава офиса Андрея Ермака не ответил. Ермак позже уехал из Киева, а Киев молчал.")
    found = {a.name: [m.text for m in a.mentions] for a in ActorFinder().find(text, "ru")}
    assert found["Vladimir Putin"] == ["Владимиром Путиным", "Путин"]
    ermak = [name for name in found if "Ермак" in name]
    assert ermak == ["Андрей Ермак"] and found["Андрей Ермак"] == ["Андрея Ермака", "Ермак"]
    assert not any(name in found for name in ("Владимиром Путиным", "Андрея Ермака", "Киева"))
