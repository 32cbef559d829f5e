"""Plain-text articles: title detection both ways, offsets, line endings."""
from narrascope.ingest import article_from_text, read_path, split_title
from narrascope.ingest.plaintext import looks_like_title


def test_title_line_blank_line_body(fixtures):
    art = next(read_path(fixtures / "ingest" / "with_title.txt"))
    assert art.title == "Drone strike cuts power to frontline town"
    assert art.text.startswith("A drone strike overnight")
    assert "Drone strike cuts power" not in art.text
    assert art.id == "with_title"
    assert art.source_format == "text"
    assert art.meta["file_name"] == "with_title.txt"
    assert art.content_hash and len(art.content_hash) == 64


def test_body_only_when_first_paragraph_is_a_sentence(fixtures):
    art = next(read_path(fixtures / "ingest" / "body_only.txt"))
    assert art.title is None
    assert art.text.startswith("The grain corridor through the Black Sea")
    assert art.text.endswith("compared with February.")


def test_crlf_kept_in_raw_text_and_normalised_in_text(fixtures):
    art = next(read_path(fixtures / "ingest" / "crlf.txt"))
    assert art.title == "Talks on prisoner exchange resume in Istanbul"
    assert "\r" not in art.text and "\n\n" in art.text
    assert "\r\n" in art.raw_text
    # The body offset points into the raw text, where the body starts.
    assert art.raw_text[art.meta["body_offset"]:].startswith("Negotiators from both sides")


def test_title_detection_shapes():
    body = "Officials said on Tuesday that the convoy had reached the city after a two-day delay caused by shelling."
    assert looks_like_title("Convoy reaches besieged city", body, blank_after=True)
    # A full sentence first paragraph is body.
    assert not looks_like_title("Officials said the convoy reached the city.", body, blank_after=True)
    # A lead-in ending with a colon is not a headline.
    assert not looks_like_title("The minister listed three demands:", body, blank_after=True)
    # No blank line: only when a clearly longer paragraph follows.
    assert looks_like_title("Convoy reaches besieged city", body, blank_after=False)
    assert not looks_like_title("Convoy reaches", "Short line", blank_after=False)
    # A single paragraph has no title.
    assert not looks_like_title("Convoy reaches besieged city", "", blank_after=True)
    # SemEval convention: a headline ending in a period is still the title there.
    assert looks_like_title("Parliament extends martial law.", body, blank_after=True, semeval=True)


def test_split_title_skips_leading_blank_lines_and_bom():
    raw = "\ufeff\n\nCeasefire talks stall again\n\nDiplomats said the talks in Geneva ended without agreement on Friday evening."
    title, start, end = split_title(raw)
    assert title == "Ceasefire talks stall again"
    assert raw[start:end].startswith("Diplomats said")


def test_article_from_text_without_detection():
    art = article_from_text("Short headline\n\nBody text goes here and on for a while.", "x", detect_title=False)
    assert art.title is None and art.text.startswith("Short headline")


def test_devanagari_full_stop_ends_a_sentence_not_a_title():
    first = "नगर परिषद ने सोमवार को कहा कि नया पुल अगले साल खुलेगा।"
    assert not looks_like_title(first, "नदी पर बने पुल का काम दो साल से चल रहा है और अब लगभग पूरा हो गया है।", blank_after=True)
