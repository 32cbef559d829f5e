"""Russian names in the nominative (pymorphy3's dictionary; sentences and names of our own choosing)."""
import pytest

from narrascope.morphology import name_in_nominative, to_nominative


@pytest.mark.parametrize("declined, nominative", [
    ("Андрея Ермака", "Андрей Ермак"),
    ("Владимиром Путиным", "Владимир Путин"),
    ("Марии Захаровой", "Мария Захарова"),  # a woman's surname stays a woman's
    ("Олега Захарова", "Олег Захаров"),  # the first name says it is a man
    ("Джо Байдена", "Джо Байден"),  # an indeclinable first name stays, the surname is read
    ("Вооруженных сил Украины", "Вооруженные силы Украины"),  # up to the head; its complement stays
    ("Министерства обороны России", "Министерство обороны России"),
    ("Соединенных Штатов", "Соединенные Штаты"),  # the text's "е", not the dictionary's "ё"
    ("Киева", "Киев"),
    ("Европе", "Европа"),
    ("Западу", "Запад"),
])
def test_declined_names_in_the_nominative(declined, nominative):
    assert name_in_nominative(declined) == nominative


@pytest.mark.parametrize("name", ["Песков", "Орбан", "Россия", "Мария Захарова", "НАТО", "Minsk", "ВСУ", "Си Цзиньпина"])
def test_nominatives_acronyms_and_unknown_words_stay(name):
    assert name_in_nominative(name) == name


def test_source_after_a_cue_in_the_nominative():
    assert to_nominative("губернатора Курганской области Ивана Петрова", "gent") == \
        "губернатор Курганской области Иван Петров"
