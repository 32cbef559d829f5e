"""Actors that are no names, on an article written for these tests: pieces of title-case headlines the tagger
calls organisations ("Subjugate Europe"), sentence adverbs it folds into a person ("Later von der Leyen"), and a
cited journal or the article's topic ("Nature Climate Change", "the West Antarctic Ice Sheet") that only the text
could cast."""
import numpy as np
import pytest

from narrascope.doc import Article
from narrascope.framing.entities import ActorFinder, _cut_openers, _verb_in_lower_case

HEADLINE_ARTICLE = (
    "Globalists Subjugate Europe As Brussels Tightens Grip\n"
    "New Data Refutes Media On Arctic Ice\n"
    "The European Commission has proposed new rules for online platforms. Critics in Warsaw called them "
    "censorship, and Save the Children asked for exemptions. Save the Children said the rules would hurt "
    "charities.\n"
    "Globalists Subjugate Ukraine Through Energy Rules\n"
    "Later von der Leyen told reporters in Strasbourg that the plan was needed. Meanwhile Viktor Orban called "
    "it censorship, and Olaf Scholz said nothing.\n"
    "The Full-Spectrum Psyop Of Brussels Bureaucrats\n"
    "Brussels runs a full-spectrum psyop, the blog says.\n"
    "By Jane Roe of Remix News\n"
)


@pytest.mark.slow
def test_headline_pieces_are_no_actors_but_names_used_in_prose_are():
    found = {a.name: a for a in ActorFinder().find(HEADLINE_ARTICLE, "en")}
    names = set(found)
    # pieces that hold a verb, or that the prose writes in lower case ("a full-spectrum psyop")
    for piece in ("Subjugate Europe", "Data Refutes Media", "Energy Rules", "Full-Spectrum Psyop"):
        assert not any(piece in n for n in names), sorted(names)
    # a verb-initial name that the prose uses again is a real organisation; so is one the alias table knows,
    # and a name alone on a title-case byline
    assert {"Save the Children", "European Commission", "Remix News", "Jane Roe"} <= names, sorted(names)
    # the words of a dropped piece may still be names the alias table knows: "Ukraine" of "Subjugate Ukraine ..."
    at = HEADLINE_ARTICLE.index("Ukraine Through")
    assert [m.start for m in found["Ukraine"].mentions] == [at], sorted(names)


# The tagger reads "Later von der Leyen" as one person here, "Brussels Plans New Rules For Energy Prices" and
# "The Full-Spectrum Psyop" as organisations.
OPENER_ARTICLE = (
    "Brussels Plans New Rules For Energy Prices\n"
    "The European Commission wants to control what citizens read about energy, critics say. Later von der Leyen "
    "told reporters in Strasbourg that the plan was needed. Meanwhile Viktor Orban called it censorship. However "
    "Emmanuel Macron backed the Commission.\n"
    "The Full-Spectrum Psyop Of Brussels Bureaucrats\n"
    "Brussels runs a full-spectrum psyop, the blog says.\n"
)


@pytest.mark.slow
@pytest.mark.parametrize("text", [HEADLINE_ARTICLE, OPENER_ARTICLE])
def test_a_sentence_adverb_is_cut_from_a_name(text):
    found = {a.name: a for a in ActorFinder().find(text, "en")}
    names = set(found)
    assert not any(n.split()[0] in ("Later", "Meanwhile", "However") for n in names), sorted(names)
    assert "von der Leyen" in names, sorted(names)
    assert any(n.startswith("Viktor Orb") for n in names), sorted(names)
    for a in found.values():
        for m in a.mentions:
            assert text[m.start:m.end] == m.text


@pytest.mark.slow
def test_a_headline_with_a_verb_or_a_phrase_the_prose_writes_in_lower_case_is_no_actor():
    names = {a.name for a in ActorFinder().find(OPENER_ARTICLE, "en")}
    assert not any("Psyop" in n or "Plans" in n for n in names), sorted(names)
    assert {"European Commission", "Emmanuel Macron", "Brussels"} <= names, sorted(names)


@pytest.mark.parametrize("span, kept", [
    ("Later von der Leyen", "von der Leyen"),
    ("However, Emmanuel Macron", "Emmanuel Macron"),
    ("Yesterday Meanwhile Olaf Scholz", "Olaf Scholz"),
    ("Sunday Times", "Sunday Times"),  # weekdays can start a name
    ("Later", "Later"),  # never cut to nothing
    ("Still Waters Trust", "Still Waters Trust"),  # an adverb that names do start with
])
def test_cut_openers(span, kept):
    s, e = _cut_openers(span, 0, len(span))
    assert span[s:e] == kept


TOPIC_ARTICLE = (
    "The ice is going faster than anyone said. A study in Nature Climate Change found that the West Antarctic "
    "Ice Sheet lost more ice last year than in any year on record. The Nature Climate Change study's authors "
    "blame shipping companies, and the Arctic Council ignored every warning. Greenpeace called the Arctic Council a club of polluters.\n"
)


@pytest.mark.slow
def test_a_cited_journal_and_the_articles_topic_are_mentioned_unless_cast():
    from narrascope.framing.framed import NUMERIC, not_cast_by_shape, numeric_features

    art = Article("t1", text=TOPIC_ARTICLE, language="en")
    actors = {a.name: a for a in ActorFinder().find_in(art)}
    dense = {n: np.pad(numeric_features(art, a), (0, 8)) for n, a in actors.items()}
    journal = next(n for n in actors if "Nature" in n)
    sheet = next(n for n in actors if "Ice Sheet" in n)
    assert len(actors[journal].mentions) == 2
    # "a study in Nature Climate Change", "the Nature Climate Change study's authors"
    assert dense[journal][NUMERIC.index("titled")] == 1.0
    assert dense[sheet][NUMERIC.index("location")] == 1.0  # a natural feature: a place
    assert bool(not_cast_by_shape(dense[journal][None, :])[0])
    assert bool(not_cast_by_shape(dense[sheet][None, :])[0])
    council = next(n for n in actors if "Arctic Council" in n)  # cast: it "ignored every warning"
    assert not bool(not_cast_by_shape(dense[council][None, :])[0])
    assert dense[council][NUMERIC.index("cast_by_text")] > 0


@pytest.mark.slow
@pytest.mark.parametrize("line, piece, verb", [
    ("Data Refutes Media's Claims On Arctic Rainfall\nThe ice grew.", "Data Refutes Media", True),
    ("Supreme Court Deals Blow To Climate Activists\nThe court ruled.", "Supreme Court Deals Blow", True),
    ("By Jane Roe Of Rebel News Online\nThe court ruled.", "Rebel News", False),
])
def test_a_headline_piece_is_read_in_lower_case(line, piece, verb):
    """In title case the tagger calls every word a proper noun; in lower case the verb shows again."""
    s = line.index(piece)
    assert _verb_in_lower_case(line, s, s + len(piece)) is verb
