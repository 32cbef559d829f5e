"""The analyst's note (explain.note): gloss head, evidence shortened on the parse, who says it; all traceable."""
import re

import pytest

from narrascope.doc import Article, Label, Quote
from narrascope.explain.analyst import Settings
from narrascope.explain.component import make_component
from narrascope.explain.compress import compress
from narrascope.explain.glosses import gloss
from narrascope.explain.note import HEADS, head_text
from narrascope.explain.core import dominant_label

from test_explain import BagEmbedder, bag  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def nlp():
    from narrascope.nlp import load_english

    try:
        return load_english()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no English spaCy pipeline: {exc}")


def test_every_taxonomy_label_has_a_gloss():
    from narrascope.narratives.taxonomy import load_taxonomy

    tax = load_taxonomy("semeval2025")
    labels = [n.label for n in tax.narratives] + [f"{n.label}: {s.name}" for n in tax.narratives for s in n.subnarratives]
    assert len(labels) > 90
    for lab in labels:
        g = gloss(lab)
        assert g and not g.endswith("."), lab
    # "X: Other" falls back to the narrative's gloss; an unknown label has none.
    assert gloss("URW: Discrediting Ukraine: Other") == gloss("URW: Discrediting Ukraine")
    assert gloss("XX: Something else entirely") is None


def test_heads_state_the_label_in_plain_words():
    dom = dominant_label("URW: Discrediting Ukraine", "URW: Discrediting Ukraine: Ukraine is a puppet of the West")
    for style in HEADS:
        h = head_text(dom, style)
        assert h.startswith(("The text ", "The article ")) and h.endswith(".")
        assert "puppet of the West" in h
    assert head_text(dom, "paragraphs", several=False).startswith("The text presents a paragraph in which")
    # The taxonomy's own description of the narrative as the verb phrase (an experiment; README).
    h = head_text(dom, "desc-arguing")
    assert h.startswith("The text ") and ", arguing that Ukraine is a puppet of the West" in h
    # A label of another taxonomy: its own name, no invented gloss.
    other = dominant_label("XX: Made up", "XX: Made up: Some claim")
    h = head_text(other, "paragraphs-doing-so")
    assert h.startswith("The text advances the narrative that") and h.endswith(", through some claim.")


def test_compress_drops_reporting_frame_and_clauses(nlp):
    s = ("Former minister Jan Novak has warned that if the talks fail, which many expect, "
         "the sanctions will hurt European farmers more than anyone else.")
    doc = nlp(s)
    c = compress(doc, 0, len(s), 30)
    assert c.speaker == "Former minister Jan Novak"
    out = c.render(s)
    assert out.startswith("if the talks fail") and out.endswith("anyone else")
    short = compress(doc, 0, len(s), 12).render(s)
    assert short == "the sanctions will hurt European farmers more than anyone else"
    # Every kept range is the article's own text.
    for a, b in compress(doc, 0, len(s), 12).ranges:
        assert s[a:b] in s and s[a:b].strip() == s[a:b]
    s2 = "According to the report, Russian exports found new buyers in Asia within months."
    c2 = compress(nlp(s2), 0, len(s2), 30)
    assert c2.speaker == "the report" and c2.render(s2) == "Russian exports found new buyers in Asia within months"


def test_compress_leaves_a_wire_dateline_out(nlp):
    s = "VILNIUS, May 4 (Baltic Wire) -- Lithuania will double its order of air-defence systems this year."
    c = compress(nlp(s), 0, len(s), 30)
    out = c.render(s)
    assert out.startswith("Lithuania will double") and "VILNIUS" not in out and "Wire" not in out
    s2 = "EU - member states agreed a new package of sanctions on Monday evening."
    assert compress(nlp(s2), 0, len(s2), 30).render(s2).startswith("EU")  # no date, no agency: not a dateline


TEXT = (
    "Europe pays for its own sanctions\n\n"
    "European factories are closing because gas prices tripled after the sanctions were imposed on Russia, "
    "which had supplied most of the continent's gas for decades. "
    "The economist Anna Berg said that the sanctions have become a self-inflicted wound for European industry. "
    "The weather in the capital was mild on Sunday, and many people walked in the parks of the city. "
    "Russian exports found new buyers in Asia within months, the report adds."
)


def _article():
    art = Article("n1", text=TEXT, title="Europe pays for its own sanctions", language="en",
                  subnarratives=[Label("URW: Negative Consequences for the West: Sanctions imposed by Western countries "
                                       "will backfire", 0.8)])
    q = "the sanctions have become a self-inflicted wound for European industry"
    qs, sp = TEXT.index(q), TEXT.index("Anna Berg")
    art.quotes = [Quote(speaker="Anna Berg", text=q, kind="indirect", cue="said", start=qs, end=qs + len(q),
                        speaker_start=sp, speaker_end=sp + len("Anna Berg"))]
    return art


def test_note_is_grounded_whole_and_points_at_evidence(bag, nlp):
    exp = make_component({})(_article()).explanation
    assert exp is not None
    assert exp.text.startswith("The text presents")
    assert "sanctions against Russia will backfire" in exp.text
    assert len(exp.text.split()) <= 80 and exp.text.endswith(".")
    assert "Europe pays for its own sanctions" not in exp.text  # never the title line
    assert "weather" not in exp.text
    assert "claims that European factories" in exp.text  # a nationality keeps its capital
    assert exp.evidence, "the note must point at the article"
    for sp in exp.evidence:
        assert TEXT[sp.start:sp.end] == sp.text
    # The evidence clause after the head is made only of evidence spans' words, in order.
    m = re.search(r"(?:claims that|saying that) (.+)\.$", exp.text)
    assert m, exp.text
    clause = m.group(1)
    joined = " ".join(sp.text for sp in exp.evidence)
    for word in re.findall(r"\w+", clause)[1:]:
        assert word in joined, word


def test_named_source_is_quoted(bag, nlp):
    exp = make_component({"evidence_sentences": 2, "budget": 70})(_article()).explanation
    assert "Anna Berg" in exp.text and "saying that" in exp.text


def test_head_only_and_legacy_styles_still_work(bag, nlp):
    art = _article()
    head = make_component({"evidence_sentences": 0, "budget": 35})(art).explanation
    assert head is not None and head.text.count(".") == 1 and head.evidence  # the claim still points at a sentence
    legacy = make_component({"style": "legacy", "budget": 35, "max_clause_words": 30})(_article()).explanation
    assert legacy is not None and legacy.text.startswith("The text stresses the negative consequences")
    assert Settings().budget <= 80


def test_compress_never_leaves_a_dangling_subordinate_clause(nlp):
    s = "Because a tiny share of the voters, two per cent and falling, still supports the plan."
    assert compress(nlp(s), 0, len(s), 30) is None  # a fragment in the article: not evidence
    s2 = "Prices rose sharply in the spring, unless the official figures are wrong, analysts in Berlin wrote."
    c = compress(nlp(s2), 0, len(s2), 30)
    assert c is None or not c.render(s2).lower().startswith("unless")


def test_speaker_and_clause_case():
    from narrascope.explain.note import _BOILERPLATE, _speaker_words

    assert _speaker_words("Former president Jan Novak") == "former president Jan Novak"
    assert _speaker_words("Jan Novak") == "Jan Novak"
    assert _BOILERPLATE.search("As a privately owned web site, we reserve the right to remove comments.")
    assert not _BOILERPLATE.search("Gas prices tripled after the sanctions were imposed.")


def test_a_clause_that_names_its_speaker_is_not_attributed_twice():
    from narrascope.explain.note import _names_speaker
    assert _names_speaker("Orban said Ukraine needed help, but leaders should rethink", "Viktor Orban")
    assert _names_speaker("viktor orban said so", "Viktor Orban")
    assert not _names_speaker("Ukraine needed help, but leaders should rethink", "Viktor Orban")
    assert not _names_speaker("the van was seen near the border", "Ivan Van")  # (a lower-case word is not the name)


def test_as_frame_is_dropped_and_gives_the_speaker(nlp):
    for text, speaker in [("As he explained, nature is our secret ally in the fight against the drought.", None),
                          ("Nature is our secret ally in the fight against the drought, as Dr Marta Ilves noted.", "Dr Marta Ilves")]:
        c = compress(nlp(text), 0, len(text), 40)
        assert c.render(text).lower() == "nature is our secret ally in the fight against the drought"
        assert c.speaker == speaker
    text = "As expected, the talks in Geneva collapsed after two days of bitter argument."
    assert compress(nlp(text), 0, len(text), 40).render(text).startswith("As expected")


BACKFIRE = "URW: Negative Consequences for the West: Sanctions imposed by Western countries will backfire"


def _note_on(text: str, art_id: str):
    art = Article(art_id, text=text, title="Europe pays for its own sanctions", language="en",
                  subnarratives=[Label(BACKFIRE, 0.8)])
    return make_component({})(art).explanation


def test_no_evidence_clause_whose_subject_points_at_no_one(bag, nlp):
    text = ("Europe pays for its own sanctions\n\n"
            "They imposed the sanctions on Russia, and the sanctions backfired on Western factories and Western homes. "
            "European factories are closing because gas prices tripled after the sanctions were imposed on Russia. "
            "The weather in the capital was mild on Sunday.")
    exp = _note_on(text, "n2")
    assert exp is not None
    assert "that they " not in exp.text.lower() and "that European factories" in exp.text


def test_inverted_frame_before_a_colon_names_the_speaker(bag, nlp):
    text = ("Europe pays for its own sanctions\n\n"
            "Notes Halvorsen: “The sanctions against Russia have become a self-inflicted wound for European industry.”\n\n"
            "Factories in the north closed two plants this winter.")
    exp = _note_on(text, "inv")
    assert exp is not None and "Notes Halvorsen" not in exp.text and "notes Halvorsen" not in exp.text
    assert "Halvorsen saying that the sanctions against Russia have become" in exp.text, exp.text


def test_a_common_word_opening_the_clause_is_lower_cased(nlp):
    """"The text claims that Nuclear weapons …": a word the article writes in lower case elsewhere is no name."""
    from narrascope.explain.note import _clause

    text = ("Nuclear weapons would not deter the coalition from a coordinated attack. The nuclear arsenal is old. "
            "Northgate said nothing.")
    doc = nlp(text)
    assert _clause("Nuclear weapons would not deter the coalition from a coordinated attack.", doc, 0).startswith("nuclear")
    s = text.index("Northgate")
    assert _clause("Northgate said nothing.", doc, s).startswith("Northgate")


def test_a_one_word_organisation_keeps_its_article_and_a_clause_its_lower_case(nlp):
    from narrascope.explain.note import _clause, _with_article

    text = "The federal Coalition argue that coal must stay. Propagandists were told to keep quiet."
    s = text.index("Coalition")
    assert _with_article(text, "Coalition", (s, s + len("Coalition"))) == "the Coalition"
    assert _with_article(text, "NATO", (0, 4)) == "NATO"
    doc = nlp(text)
    p = text.index("Propagandists")
    assert _clause("Propagandists were told to keep quiet.", doc, p).startswith("propagandists")
    doc2 = nlp("The World Economic Forum’s plan will fail.")
    assert _clause("The World Economic Forum’s plan will fail.", doc2, 0).startswith("the World Economic Forum")
