"""The failure shapes of issue 13, on sentences written for these tests (no corpus text)."""
import pytest

from attribution_helpers import only
from narrascope.attribution.lexicon import load_lexicon
from narrascope.attribution.speakers import speaker_ok

pytestmark = pytest.mark.slow


# -- nested attribution: the outlet reports, the person speaks, the medium is spoken to ---------------------
def test_according_to_outlet_person_claimed_in_interview(attributor):
    text = ("According to the Kyiv Independent, Andriy Melnyk claimed in an interview with Radio Liberty that "
            "“the front will hold through the winter.”")
    q = only(attributor(text), "the front will hold")
    assert q.speaker == "Andriy Melnyk" and q.speaker_type == "person" and q.kind == "direct"
    assert q.medium in ("Radio Liberty", "Kyiv Independent")
    assert q.cue == "claimed" and q.hedged  # "claimed" still hedges


def test_as_per_outlet_person_stated(attributor):
    text = "As per Reuters, Finance Minister Olga Berezina stated that the budget would be cut by a fifth next year."
    [q] = attributor(text)
    assert q.speaker == "Olga Berezina" and q.medium == "Reuters" and q.kind == "indirect"
    assert q.text == "the budget would be cut by a fifth next year"


def test_according_to_a_poll_stays_the_source(attributor):
    text = "According to a new survey by the Razumkov Centre, most voters want the talks to continue."
    [q] = attributor(text)
    assert q.cue == "according to" and "survey" in q.speaker


# -- "…, says <person>" after a quote, with a quantifier before it -------------------------------------------
def test_after_quote_cue_beats_quantifier(attributor):
    text = ("Tomasz Petrov, a veteran analyst, studied the map for a long time.\n\n"
            "Some will call it a retreat, and others will say “it is over,” says Petrov.")
    q = only(attributor(text), "it is over")
    assert q.speaker == "Tomasz Petrov" and q.speaker_mention == "Petrov" and q.kind == "direct"


def test_quantifier_alone_is_no_speaker(attributor):
    quotes = attributor("Others said the ceasefire would not last beyond the spring.")
    assert all(q.speaker not in ("Others", "others") for q in quotes)


# -- clause fragments are never speakers -------------------------------------------------------------------
@pytest.fixture(scope="module")
def phrase(attributor):
    nlp, lex = attributor.nlp, load_lexicon()

    def check(sentence: str, fragment: str) -> bool:
        doc = nlp(sentence)
        start = sentence.index(fragment)
        span = doc.char_span(start, start + len(fragment), alignment_mode="expand")
        return speaker_ok(list(span), lex)

    return check


@pytest.mark.parametrize("sentence, fragment", [
    ("Putin in 2022 signed a decree officially ending the programme.", "in 2022 signed a decree officially"),
    ("His conviction said a great deal about the court.", "His conviction"),
    ("It is worth noting that the talks stalled.", "It is worth"),
    ("EU sanctions have hurt the banks, officials said.", "EU sanctions"),
    ("The delegation flew to Iran on Monday.", "to Iran"),
    ("Others said the deal was dead.", "Others"),
    ("Bolton distanced himself from the party leadership.", "Bolton distanced"),
])
def test_fragments_are_no_speaker_phrases(phrase, sentence, fragment):
    assert not phrase(sentence, fragment)


@pytest.mark.parametrize("sentence, fragment", [
    ("The ministry said the convoy was delayed.", "The ministry"),
    ("Three sources familiar with the matter said the plan was dropped.", "Three sources familiar with the matter"),
    ("Petrov said the line would hold.", "Petrov"),
    ("The plumber said the pipes had frozen.", "The plumber"),
    ("Six in 10 voters said they wanted a change.", "Six in 10 voters"),
    ("About half of the residents said they would stay.", "About half of the residents"),
])
def test_noun_phrases_naming_someone_are_speakers(phrase, sentence, fragment):
    assert phrase(sentence, fragment)


def test_dateline_and_label_are_no_speakers(attributor):
    text = ("BERLIN — “We will not send more tanks this year,” the chancellor told reporters.\n\n"
            "Emphasis: “This is not a drill.”")
    quotes = attributor(text)
    assert all(q.speaker not in ("BERLIN", "Emphasis") for q in quotes)
    assert only(quotes, "more tanks").speaker == "chancellor"


# -- "Three sources familiar with the matter said he ..." -----------------------------------------------------
def test_sources_speak_not_the_man_they_talk_about(attributor):
    text = ("Three sources familiar with the matter said he expressed frustration, saying that "
            "“nobody in Brussels listens to us any more.”")
    quotes = attributor(text)
    assert quotes and all(q.speaker == "Three sources familiar with the matter" and q.anonymous for q in quotes)
    assert any("nobody in Brussels listens" in q.text for q in quotes)


def test_sources_said_he_indirect(attributor):
    [q] = attributor("Three sources familiar with the matter said he expressed frustration with the slow deliveries.")
    assert q.anonymous and q.speaker == "Three sources familiar with the matter" and q.speaker_type == "anonymous"


# -- "the agency", "the publication": the outlet named a sentence before ----------------------------------
def test_the_agency_is_the_outlet_named_before(attributor):
    text = "Reuters reported the deal on Monday.\n\nThe agency said the talks “ended without any result at all.”"
    q = only(attributor(text), "ended without any result")
    assert q.speaker == "Reuters" and q.speaker_type == "organisation" and q.speaker_mention == "The agency"


def test_the_publication_is_the_outlet_named_before(attributor):
    text = ("The Odessa Gazette reported on the strike first. "
            "The publication said that two warehouses had burned down overnight.")
    q = only(attributor(text), "two warehouses had burned down")
    assert q.speaker == "Odessa Gazette" and q.speaker_type == "organisation"


def test_the_agency_can_be_a_named_agency(attributor):
    text = ("Inspectors of the International Atomic Energy Agency visited the plant on Monday. "
            "The agency said the cooling pumps were “working but fragile.”")
    q = only(attributor(text), "working but fragile")
    assert q.speaker == "International Atomic Energy Agency"


# -- "<body> said this will bring “…” damage", "assures that" ---------------------------------------------
@pytest.mark.parametrize("text, speaker", [
    ("The European Commission said this will bring “lasting and serious” damage to the region.", "European Commission"),
    ("NATO said this would bring “irreparable” damage to the alliance.", "NATO"),
])
def test_said_this_will_bring_damage(attributor, text, speaker):
    [q] = attributor(text)
    assert q.speaker == speaker and "damage" in q.text and q.text.startswith("this will") or q.text.startswith("this would")


def test_assures_that(attributor):
    [q] = attributor("The governor assures that the water supply will be restored by Friday.")
    assert q.cue == "assures" and q.text == "the water supply will be restored by Friday" and q.kind == "indirect"


# -- headline-shaped lines are never quoted -----------------------------------------------------------------
def test_headline_lines_are_never_quoted(attributor):
    text = ("Minister warned never to ‘write off the army’ as front shifts\n\n"
            "The minister spoke in Kyiv on Monday. “We have enough shells for the winter,” he said.\n\n"
            "Read more:\n\n"
            "Leader Says Deserters Will Get ‘Fair Treatment’\n\n"
            "Missiles may no longer even work, says ex-officer\n\n"
            "Governor: ‘We will rebuild every school’")
    quotes = attributor(text)
    assert [q.text for q in quotes] == ["We have enough shells for the winter"]


def test_body_line_with_a_stop_is_no_headline(attributor):
    text = "Peace talks stall\n\nThe envoy said the talks had stalled for good."
    [q] = attributor(text)
    assert q.text == "the talks had stalled for good"


# -- anonymous, medium and hedge marking are kept ----------------------------------------------------------
def test_marks_are_kept_on_nested_attribution(attributor):
    text = ("According to Bloomberg, two officials briefed on the talks said Hungary had reportedly dropped its veto.")
    [q] = attributor(text)
    assert q.anonymous and q.speaker == "two officials briefed on the talks"
    assert q.medium == "Bloomberg" and q.hedged and "reportedly" in q.hedges


def test_naming_verb_quote_needs_a_statement(attributor):
    quotes = attributor("Rubio called the statement “offensive and outlandish and dangerous.” "
                        "A group called the “Friends of the Steppe” met on Friday.")
    q = only(quotes, "offensive and outlandish")
    assert q.speaker == "Rubio" and q.cue == "called"
    assert not [x for x in quotes if "Friends of the Steppe" in x.text]


# -- an event "confirms" or "shows", it does not speak; a scare quote inside a reported clause ---------------
def test_event_nouns_are_no_speakers(attributor):
    text = "The ongoing Ukrainian “counteroffensive” has confirmed that the Western weapons are useless."
    assert not [q for q in attributor(text) if q.speaker and "counteroffensive" in q.speaker]
    assert not [q for q in attributor(text) if q.text.startswith("the Western weapons")]
    text = "The war has shown that “Europe cannot defend itself,” the minister said."
    q = only(attributor(text), "Europe cannot defend itself")
    assert q.speaker == "minister" or q.speaker_mention.endswith("minister")


def test_scare_quote_inside_the_reported_clause_is_not_the_quote(attributor):
    [q] = attributor("The “counteroffensive” has failed, Peskov said.")
    assert q.speaker == "Peskov" and q.kind == "indirect" and q.text == "The “counteroffensive” has failed"
