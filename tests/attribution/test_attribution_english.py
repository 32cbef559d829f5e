"""English attribution with the spaCy parse (loads the model once for the module)."""
import pytest

from narrascope.attribution import attribute
from narrascope.doc import Article

pytestmark = pytest.mark.slow

# Shaped like the product brief's example, in our own words.
BRIEF_LIKE = '''Winter losses strain the army

The former interior minister, Boris Kalinin, has said the army is short of trained sergeants.

Related coverage: Grain exports rise | Storm hits the coast | Markets close higher

Kalinin told Radio Free Europe, "By autumn the units will be hollow."

He went on that it is "clear the general staff has no plan for the winter."

Economist Nadia Ferris told LBC the budget was under strain, she said, "Both governments promise more money for the war.

"But neither says where the money will come from.

"Something will have to give before the spring."

Russian units have reportedly left the river bank. Bloomberg reports this, citing three people familiar with the matter.'''


@pytest.fixture(scope="module")
def brief(attributor):
    return attributor(BRIEF_LIKE, "en")


def find(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return hits[0]


def test_offsets_match_the_text(brief):
    assert brief
    for q in brief:
        assert BRIEF_LIKE[q.start:q.end] == q.text
        if q.speaker_start >= 0:
            assert BRIEF_LIKE[q.speaker_start:q.speaker_end] == q.speaker_mention
        if q.cue_start >= 0:
            assert BRIEF_LIKE[q.cue_start:q.cue_end].lower() == q.cue.lower()


def test_direct_quote_with_medium(brief):
    q = find(brief, "By autumn the units will be hollow")
    assert q.kind == "direct" and q.speaker == "Boris Kalinin" and q.medium == "Radio Free Europe"
    assert q.speaker_mention == "Kalinin" and q.cue == "told"
    assert not q.text.startswith('"') and not q.text.endswith('"')


def test_pronoun_resolved_to_named_speaker(brief):
    q = find(brief, "clear the general staff has no plan")
    assert q.speaker == "Boris Kalinin" and q.speaker_mention == "He" and q.cue == "went on"


def test_multi_paragraph_quote_is_one_quote(brief):
    q = find(brief, "Both governments promise more money")
    assert q.kind == "direct" and q.speaker == "Nadia Ferris" and q.medium == "LBC"
    assert q.text.endswith("Something will have to give before the spring.")
    assert q.text.count("\n\n") == 2
    assert not [x for x in brief if x is not q and "neither says where" in x.text]


def test_told_medium_indirect(brief):
    q = find(brief, "the budget was under strain")
    assert q.kind == "indirect" and q.speaker == "Nadia Ferris" and q.medium == "LBC"


def test_anonymous_source_with_medium(brief):
    q = find(brief, "Russian units have reportedly left the river bank")
    assert q.anonymous and q.speaker == "three people familiar with the matter" and q.medium == "Bloomberg"
    assert q.speaker_type == "anonymous" and q.hedged and "reportedly" in q.hedges


def test_boilerplate_and_narration_are_not_quotes(brief):
    assert not [q for q in brief if "Related coverage" in q.text or "Winter losses" in q.text]
    assert not [q for q in brief if "army is short" in q.text and q.kind == "direct"]


def test_according_to_and_as_per(attributor):
    text = ("According to the regional governor, 12 drones were shot down overnight. "
            "Two bridges were damaged, as per local officials.")
    quotes = attributor(text)
    assert [q.cue for q in quotes] == ["according to", "as per"]
    assert quotes[0].speaker == "regional governor" and "12 drones were shot down overnight" in quotes[0].text
    assert quotes[1].anonymous and quotes[1].text == "Two bridges were damaged"


def test_colon_quote(attributor):
    text = 'The commander was blunt about the shortage of shells. His verdict: "We fire one round for their ten."'
    [q] = attributor(text)
    assert q.cue == ":" and q.kind == "direct" and q.text == "We fire one round for their ten."


def test_description_and_surname_resolve(attributor):
    text = ("Defence analyst Marta Kowalczyk said the offensive had stalled in the mud.\n\n"
            "The analyst added that both armies were short of infantry.\n\n"
            '"Nobody is winning this winter," Ms Kowalczyk said.')
    quotes = attributor(text)
    assert len(quotes) == 3
    assert all(q.speaker == "Marta Kowalczyk" for q in quotes), [q.speaker for q in quotes]
    assert quotes[1].speaker_mention == "The analyst" and quotes[1].kind == "indirect"


def test_description_of_another_kind_is_not_the_last_speaker(attributor):
    # "The governor" after a historian spoke, "the spokesman" after a governor: other people, left described;
    # a description of the same kind ("the senator" after a named politician) still goes to the last speaker.
    text = ('Tomas Petrov, a historian at the university, says "it is over."\n\n'
            "The governor said that the bridge will be repaired within a month.\n\n"
            "Regional governor Ivan Sarkis visited the site on Friday. The governor said the work would take a month.\n\n"
            "The spokesman told reporters that the schedule was tight.\n\n"
            "Senator Ruth Okafor spoke after the vote. The senator said the bill would pass in spring.")
    quotes = attributor(text)
    assert [q.speaker for q in quotes] == ["Tomas Petrov", "governor", "Ivan Sarkis", "spokesman", "Ruth Okafor"], \
        [q.speaker for q in quotes]


def test_anonymous_official_and_back_reference(attributor):
    text = ("A senior official who asked not to be named said the convoy had been delayed at the border.\n\n"
            '"They checked every truck twice," the official said.')
    quotes = attributor(text)
    assert len(quotes) == 2 and all(q.anonymous for q in quotes)
    # The unnamed source is named without its relative clause; the mention keeps it, and it still marks anonymity.
    assert [q.speaker for q in quotes] == ["A senior official"] * 2
    assert quotes[0].speaker_mention == "A senior official who asked not to be named"


def test_hedges_marked(attributor):
    text = "The ministry claimed its troops had allegedly captured the hill."
    [q] = attributor(text)
    assert q.hedged and "allegedly" in q.hedges and "claimed" in q.hedges


def test_scare_quotes_and_titles_are_not_quotes(attributor):
    text = ('The so-called "peace plan" was rejected. The film "Winter on Fire" was shown again. '
            'Residents call the shelter "the hole".')
    assert attributor(text) == []


def test_unquoted_narration_gives_nothing(attributor):
    text = "Trains to the front run twice a day. The station was rebuilt last year after a strike."
    assert attributor(text) == []


def test_empty_and_blank_text(attributor):
    assert attributor("") == []
    assert attributor("   \n\n  ") == []
    assert attribute("") == []


def test_not_a_string_is_a_clear_error():
    with pytest.raises(TypeError, match="needs a str"):
        attribute(None)


def test_component_sets_quotes_and_pipes():
    from narrascope.attribution.component import make_component

    comp = make_component({})
    art = Article(id="a1", text='"We are ready," the mayor said.', language="en")
    assert comp(art) is art and art.quotes[0].text == "We are ready"
    arts = [Article(id="b", text="Nothing was said.", language="en"),
            Article(id="c", text="«Мы готовы», — заявил Иван Петров.", language="ru")]
    comp.pipe(arts)
    assert arts[0].quotes == [] and arts[1].quotes[0].speaker == "Иван Петров"
    assert art.to_dict()["quotes"][0]["kind"] == "direct"


def test_honorific_between_quote_and_cue(attributor):
    text = '"The front is holding," Mr. Hale said.'
    [q] = attributor(text)
    assert q.speaker == "Hale" and q.text == "The front is holding"


def test_inserted_attribution_and_relative_clause(attributor):
    text = ("The bridge, Governor Ivan Fedorov said, would reopen within a month. "
            "The repairs were paid for by Olena Shevchuk, who said the money came from private donors.")
    quotes = attributor(text)
    first = find(quotes, "would reopen within a month")
    # Content is one contiguous span, so an inserted "X said" stays inside it.
    assert first.speaker == "Ivan Fedorov" and first.kind == "indirect"
    assert first.text.startswith("The bridge") and first.text.endswith("within a month")
    second = find(quotes, "the money came from private donors")
    assert second.speaker == "Olena Shevchuk"


def test_signature_dash_and_headline_colon(attributor):
    text = ("Kallas: Europe must double its shell production\n\n"
            "Kallas: Europe must find the money for the shells this year.\n\n"
            "“We cannot wait for another winter like this one.” — Kaja Kallas")
    quotes = attributor(text)
    # The title line is headline-shaped (short, no final stop): never quoted. The same claim in the body is.
    assert not [q for q in quotes if "double its shell production" in q.text]
    claim = find(quotes, "Europe must find the money")
    assert claim.cue == ":" and claim.speaker == "Kaja Kallas"  # resolved to the full name given below
    signed = find(quotes, "We cannot wait for another winter")
    assert signed.kind == "direct" and signed.speaker == "Kaja Kallas"
