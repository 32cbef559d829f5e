"""Anonymous sources, media and hedges from the lexicons: no model needed."""
import pytest

from narrascope.attribution.lexicon import load_lexicon
from narrascope.attribution.sourcing import find_hedges, find_media, is_anonymous, looks_like_medium
from narrascope.errors import NarrascopeError


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.mark.parametrize("phrase", ["three people familiar with the matter", "a senior official who asked not to be named",
                                    "two sources", "Western diplomats", "officials in Brussels"])
def test_anonymous_descriptions(lex, phrase):
    assert is_anonymous(phrase, lex, has_name=False)


@pytest.mark.parametrize("phrase", ["the analyst", "Pavel Orlov", "the ministry"])
def test_named_or_anaphoric_is_not_anonymous(lex, phrase):
    assert not is_anonymous(phrase, lex, has_name=phrase[0].isupper())


def test_anonymity_phrase_after_the_speaker(lex):
    assert is_anonymous("a diplomat", lex, has_name=False, after=" who spoke on condition of anonymity said")


def test_media(lex):
    assert [m[2] for m in find_media("He told Radio Free Europe and later the BBC.", lex)] == ["Radio Free Europe", "BBC"]
    assert looks_like_medium("LBC", lex)
    assert looks_like_medium("Kharkiv Regional Radio", lex)
    assert not looks_like_medium("Pavel Orlov", lex)


def test_hedges(lex):
    assert find_hedges("Troops reportedly crossed the river, allegedly at night.", lex) == ["reportedly", "allegedly"]
    assert find_hedges("The figure could not be independently verified.", lex) == ["could not be independently verified"]
    assert find_hedges("Troops crossed the river.", lex) == []


def test_missing_lexicon_folder_is_a_clear_error(tmp_path):
    with pytest.raises(NarrascopeError) as err:
        load_lexicon(str(tmp_path / "nowhere"))
    assert "E201" in str(err.value) and "nowhere" in str(err.value)


def test_unknown_spacy_model_is_a_clear_error():
    from narrascope.attribution import Attributor

    with pytest.raises(NarrascopeError) as err:
        Attributor(model="no_such_model_package")("He said it.")
    assert "E202" in str(err.value) and "no_such_model_package" in str(err.value)
