from narrascope.text import paragraphs, sentences


def test_sentences_respect_abbreviations_and_quotes():
    text = 'Mr. Orlov spoke at 9 a.m. in Kyiv. "We will hold," he said. The U.S. envoy left.\n\nNew paragraph here'
    spans = sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got[0] == "Mr. Orlov spoke at 9 a.m. in Kyiv."
    assert got[1] == '"We will hold," he said.'
    assert got[2] == "The U.S. envoy left."
    assert got[3] == "New paragraph here"


def test_sentences_multilingual_and_offsets_exact():
    text = "Путин заявил об этом в среду. Киев ответил отказом!\nभारत ने कहा। दूसरा वाक्य।"
    spans = sentences(text)
    assert len(spans) == 4
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s


def test_paragraphs_skip_blank_lines():
    text = "  one  \n\n\ntwo\nthree\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["one", "two", "three"]


def test_empty():
    assert sentences("") == [] and paragraphs("   \n") == []
