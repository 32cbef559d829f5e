"""Quote-mark spans: no model needed."""
from narrascope.attribution.quotes import find_quote_spans


def spans(text):
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_curly_and_straight_quotes():
    text = 'The mayor said, “We have power again.” Then he added "water is next," and left.'
    assert spans(text) == ["We have power again.", "water is next"]


def test_multi_paragraph_quote_is_one_span():
    text = ('She said: “First we lost the bridge.\n\n“Then we lost the school.\n\n'
            '“Now we are losing the town,” she added.\n\nThe shelling went on.')
    found = find_quote_spans(text)
    assert len(found) == 1
    q = found[0]
    assert q.paragraphs == 3 and q.closed
    assert text[q.start:q.end].startswith("First we lost") and text[q.start:q.end].endswith("losing the town")
    assert text[q.open_at] == "“" and text[q.close_at - 1] == "”"


def test_unclosed_quote_ends_with_its_paragraph():
    text = "He said: “We will hold the line.\n\nThe next paragraph is narration."
    found = find_quote_spans(text)
    assert len(found) == 1 and not found[0].closed
    assert text[found[0].start:found[0].end] == "We will hold the line."


def test_apostrophes_are_not_quotes():
    text = "Ukraine’s army and the soldiers’ families don’t expect ‘a quick win’ soon."
    assert spans(text) == ["a quick win"]


def test_guillemets_and_low_high_quotes():
    assert spans("«Мы победим», — заявил он.") == ["Мы победим"]
    assert spans("„Това е позор“, каза тя.") == ["Това е позор"]


def test_no_quotes_in_plain_narration():
    assert find_quote_spans("Shelling continued overnight near the river.") == []
    assert find_quote_spans("") == []


def test_double_apostrophes_as_quote_marks():
    text = "Asked about the talks, he said, ''Nothing has changed since March.''"
    assert spans(text) == ["Nothing has changed since March."]
