"""explain.fragments: the check that no explanation holds a clause cut mid-way (texts written for the tests)."""
import pytest

from narrascope.doc import Article, Label
from narrascope.explain import note
from narrascope.explain.analyst import Settings, extractive
from narrascope.explain.component import make_component
from narrascope.explain.core import dominant_from_article
from narrascope.explain.fragments import content_clause, fragments, is_whole, sentences

from test_explain import BagEmbedder, bag  # noqa: F401  (fixture)
from test_note import _article


@pytest.fixture(scope="module")
def nlp():
    from narrascope.nlp import load_english

    try:
        return load_english()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no English spaCy pipeline: {exc}")


def reasons(text, nlp=None, article_text=None, language="en"):
    return [r for _, r in fragments(text, nlp, article_text, language)]


def test_whole_notes_pass(nlp):
    for t in ("The text argues that the sanctions hurt European farmers more than Russia. "
              "The text claims that the minister admitted the plan had failed.",
              "The text presents several paragraphs in which the harvest is failing. "
              "The text quotes Sen. Harlow saying that the U.K. Climate Office erred in its forecast.",
              "The text quotes the mayor saying that the bridge will open in May."):
        assert fragments(t, nlp) == [], t


def test_splitting_keeps_abbreviations_inside_a_sentence():
    assert sentences("The text quotes Sen. Harlow saying that the U.K. Climate Office erred. It adds more.") == [
        "The text quotes Sen. Harlow saying that the U.K. Climate Office erred.", "It adds more."]
    assert content_clause("The text claims that the dam broke in May.") == "the dam broke in May."


def test_text_level_fragments_without_a_parser():
    assert reasons("The council voted for the") == ["no stop", "dangling end"]
    assert "dangling end" in reasons("The text claims that the council voted for the.")
    assert "unbalanced quote" in reasons("The text claims that he called the deal “a betrayal.")
    assert reasons("The text claims that he called the deal “a betrayal”.") == []
    assert "dangling end" in reasons("Цены на газ выросли в.", language="ru")
    assert "unbalanced quote" in reasons("Той каза, че „сделката е провал.", language="bg")
    assert reasons("Той каза, че „сделката е провал“.", language="bg") == []


def test_a_sentence_cut_at_a_comma_is_flagged_against_its_article():
    article = "Prices rose sharply in the spring, the ministry said on Monday. Farmers protested in June."
    assert "cut sentence" in reasons("Prices rose sharply in the spring.", article_text=article)
    assert reasons("Farmers protested in June.", article_text=article) == []
    whole = "Prices rose sharply in the spring. The ministry said so on Monday."
    assert reasons("Prices rose sharply in the spring.", article_text=whole) == []


def test_parse_level_fragments(nlp):
    # a reporting verb left without what it reports (the shape seen on real articles: "… posted by CNN claims.")
    assert "dangling verb" in reasons("The text claims that a video posted by the broadcaster claims.", nlp)
    assert "dangling verb" in reasons("The text claims that none of these storms has anything.", nlp)
    # the subject cut away by the compression
    # (parsed as an imperative, so "no finite verb" is as right as "no subject")
    assert {"no subject", "no finite verb"} & set(reasons("The text claims that have no doubts that the treaty will fail.", nlp))
    assert "no subject" in reasons("The text claims that in his memoir, attempted to persuade the voters.", nlp) or \
        "no finite verb" in reasons("The text claims that in his memoir, attempted to persuade the voters.", nlp)
    # a headline pasted in: no finite verb
    assert "no finite verb" in reasons("The text claims that Rebel Group Launching Drone Offensive in Northern Province.", nlp)
    # a heading with a colon
    assert "heading" in reasons("The text claims that Weekly farm bulletin: Harvest falls in the south.", nlp)
    # a subordinate clause with no main clause
    assert "lone subordinate clause" in reasons("The text claims that because the prices rose.", nlp)
    assert is_whole("The text claims that the prices rose because the gas supply was cut.", nlp)


def test_the_note_skips_a_clause_the_check_flags(bag, nlp, monkeypatch):
    plain = make_component({})(_article()).explanation
    assert "European factories" in plain.text
    # Pretend the best sentence's clause is a fragment: the note takes the next sentence that carries the narrative.
    real = note.fragments
    monkeypatch.setattr(note, "fragments", lambda t, nlp=None, *a, **k: [(t, "x")] if "factories" in t else real(t, nlp))
    exp = make_component({})(_article()).explanation
    assert exp is not None and "factories" not in exp.text and "sanctions" in exp.text
    assert fragments(exp.text, nlp) == []


def test_extract_takes_whole_sentences_only(bag):
    text = ("Санкции против России бьют по экономике Европы сильнее, чем по Москве, и заводы в Германии закрываются, "
            "потому что цены на газ выросли втрое, а новые поставщики просят больше. "
            "Погода в столице была тёплой. Санкции вредят Европе.")
    art = Article("ru2", text=text, language="ru", subnarratives=[Label("URW: Economic: Sanctions backfire", 0.6)])
    dom = dominant_from_article(art)
    old = extractive(art, dom, "bag", 12, settings=Settings(whole_sentences=False))
    new = extractive(art, dom, "bag", 12)
    assert old is not None and "cut sentence" in reasons(old.text, None, text, "ru")  # the old policy cut at a comma
    assert new is not None and fragments(new.text, None, text, "ru") == []
    for sp in new.evidence:
        assert text[sp.start:sp.end] == sp.text and sp.text.rstrip().endswith(".")


def test_extract_leaves_out_a_quote_mark_that_the_next_sentence_closes(bag):
    text = "«Санкции вредят Европе больше, чем России. Это ясно всем». Погода была тёплой."
    art = Article("ru3", text=text, language="ru", subnarratives=[Label("URW: Economic: Sanctions backfire", 0.6)])
    exp = extractive(art, dominant_from_article(art), "bag", 8)
    assert exp is not None and fragments(exp.text, None, text, "ru") == []
    assert all(text[sp.start:sp.end] == sp.text for sp in exp.evidence)


def test_compress_keeps_what_a_pronoun_needs_and_a_clausal_subject(nlp):
    from narrascope.explain.compress import compress

    s = "The ministry said the new rules would be something that farmers across the whole country could not afford."
    assert compress(nlp(s), 0, len(s), 10) is None  # not "the new rules would be something"
    assert compress(nlp(s), 0, len(s), 30).render(s).endswith("something that farmers across the whole country could not afford")
    s2 = "None of these floods, storms and droughts in the region has anything to do with the emissions of the factories."
    assert compress(nlp(s2), 0, len(s2), 10) is None  # not "None of these floods has anything"
    s3 = "That the council ignored the warnings for years is obviously something the voters will remember."
    out = compress(nlp(s3), 0, len(s3), 30).render(s3)
    assert out.startswith("That the council ignored") and is_whole(f"The text claims that {out}.", nlp)


def test_every_default_head_is_whole(nlp):
    from narrascope.explain.core import dominant_label
    from narrascope.explain.note import head_text
    from narrascope.narratives.taxonomy import load_taxonomy

    tax = load_taxonomy("semeval2025")
    for n in tax.narratives:
        for sub in [None] + [f"{n.label}: {s.name}" for s in n.subnarratives]:
            dom = dominant_label(n.label, sub)
            for style in ("paragraphs", "argues", "verb-gloss", "verb-doing-so"):
                h = head_text(dom, style)
                assert fragments(h, nlp) == [], h


def test_compress_never_cuts_a_misparse_into_a_subject_before_its_own_that():
    # The parse the tagger gave a real sentence of this shape: "the fact" as the subject of "overrun", the clause
    # "Let us leave aside" as an adverbial that the compression may drop.
    import spacy
    from spacy.tokens import Doc

    from narrascope.explain.compress import compress

    words = ["Let", "us", "leave", "aside", ",", "for", "now", ",", "the", "fact", ",", "that", "the", "capital", "is",
             "now", "overrun", "by", "lobbyists", "with", "very", "odd", "views", "."]
    heads = [16, 2, 0, 2, 2, 2, 5, 16, 9, 16, 16, 16, 13, 16, 16, 16, 16, 16, 17, 18, 21, 22, 19, 16]
    deps = ["advcl", "nsubj", "ccomp", "advmod", "punct", "prep", "pcomp", "punct", "det", "nsubj", "punct", "mark",
            "det", "nsubjpass", "auxpass", "advmod", "ROOT", "agent", "pobj", "prep", "advmod", "amod", "pobj", "punct"]
    pos = ["VERB", "PRON", "VERB", "ADV", "PUNCT", "ADP", "ADV", "PUNCT", "DET", "NOUN", "PUNCT", "SCONJ", "DET", "NOUN",
           "AUX", "ADV", "VERB", "ADP", "NOUN", "ADP", "ADV", "ADJ", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words])
    assert compress(doc, 0, len(doc.text), 14) is None  # not "the fact, that the capital is now overrun by ..."
    whole = compress(doc, 0, len(doc.text), 30)
    assert whole is not None and whole.render(doc.text).startswith("Let us leave aside")


def test_a_wh_clause_standing_alone_is_a_fragment(nlp):
    bad = "The text claims that speaking about why the United States openly said that it had no evidence to support claims."
    assert "lone subordinate clause" in reasons(bad, nlp)
    for good in ("The text claims that how the war ends is still unclear.",
                 "The text claims that when the army retreated, the city fell."):
        assert reasons(good, nlp) == [], good


def test_compress_leaves_no_however_at_the_end(nlp):
    from narrascope.explain.compress import compress

    s = ("His plan to end the war by spring would fail, however, when you consider that the army had lost half of its "
         "tanks in the first month of the offensive.")
    out = compress(nlp(s), 0, len(s), 10)
    assert out is None or not out.render(s).rstrip(" .,").endswith("however")


def test_compress_refuses_cuts_that_break_the_clause(nlp):
    """Shapes read on real test articles, rewritten: a misparsed "conjunct" with no "and" is the main verb; a
    noun after "and" is there for its modifier; a wh-clause left at the start goes with what governed it."""
    from narrascope.explain.compress import compress

    s = "Towns opposed to new pylons in their valley do not have a “reasonable case” according to a grid expert."
    out = compress(nlp(s), 0, len(s), 15)
    assert out is None or "do not have" in out.render(s)
    s2 = ("One of the country’s best-known engineers, and the woman dubbed the “queen of the grid” has rejected the "
          "claim that coal is needed to keep the lights on, saying that storage will do the job.")
    out = compress(nlp(s2), 0, len(s2), 15)
    assert out is None or "dubbed" in out.render(s2)
    s3 = ("Rather than asking what the floods may cost, how to prevent them, and how to house people, the council "
          "is using the storm to raise parking fees across the city.")
    out = compress(nlp(s3), 0, len(s3), 20)
    assert out is not None and not out.render(s3).lower().startswith("how"), out.render(s3) if out else None


def test_compress_drops_a_leading_connective(nlp):
    from narrascope.explain.compress import compress

    s = "Moreover, no ceasefire will hold if it is not based on the situation on the ground, the envoy said."
    out = compress(nlp(s), 0, len(s), 20)
    assert out is not None and out.render(s).startswith("no ceasefire"), out.render(s) if out else None


def test_compress_more_shapes_read_on_real_notes(nlp):
    """A trailing "…, Minister X said on Friday" parsed as a second clause goes as a frame; half a hyphenated
    word is never left ("the -mad leader"); an inverted condition alone is no clause; no comma is left between a
    subject and its verb once an apposition goes."""
    from narrascope.explain.compress import compress

    s = ("Norland is for the first time on track to meet its 2030 national climate targets, Minister for Economic "
         "Affairs Ada Lind said on Friday.")
    out = compress(nlp(s), 0, len(s), 22)
    assert out is not None and "said" not in out.render(s) and out.render(s).endswith("climate targets")
    s2 = ("The war-mad general even goes as far as blaming “foreign media” for the bad news instead of his own "
          "failings and his officers' blunders in the field.")
    out = compress(nlp(s2), 0, len(s2), 20)
    assert out is None or "war-mad" in out.render(s2) or "-mad" not in out.render(s2)
    s3 = "Were these schemers to succeed with this."
    assert compress(nlp(s3), 0, len(s3), 20) is None
    s4 = "Were these plans to succeed, the grid would fail within a week."
    assert compress(nlp(s4), 0, len(s4), 20) is not None
    s5 = ("Ada Lind, research director at Northgate Analytics told the Daily Ledger: “Green ratings have little to "
          "no relation to carbon intensity, even when only the environmental pillar of these ratings is considered.")
    out = compress(nlp(s5), 0, len(s5), 30)
    assert out is None or "Lind, told" not in out.render(s5)
