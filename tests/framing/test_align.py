"""SemEval raw-file spans mapped onto the pipeline's text (title split off, CRLF, cleaned lines)."""
from narrascope.doc import Article, Removal
from narrascope.framing.align import map_raw_span


def test_span_in_body_with_crlf_and_a_removed_line():
    raw = "A title here\r\n\r\nShare this article\r\nThe minister Ana Kovac said the plan failed.\r\n"
    body = raw.index("Share")
    pre = "Share this article\nThe minister Ana Kovac said the plan failed."
    art = Article("x", text="The minister Ana Kovac said the plan failed.", title="A title here",
                  removed=[Removal("Share this article", "share-buttons", 0, len("Share this article\n"))],
                  meta={"body_offset": body})
    s = raw.index("Ana Kovac")
    where, a, b = map_raw_span(art, raw, s, s + len("Ana Kovac"))
    assert where == "text" and art.text[a:b] == "Ana Kovac"
    assert pre  # documents the body before cleaning


def test_span_in_title_and_in_a_dropped_line():
    raw = "Kovac  resigns\n\nRead more: Kovac interview\nKovac left office today, aides said.\n"
    art = Article("y", text="Kovac left office today, aides said.", title="Kovac resigns",
                  removed=[Removal("Read more: Kovac interview", "related-block", 0, len("Read more: Kovac interview\n"))],
                  meta={"body_offset": raw.index("Read")})
    assert map_raw_span(art, raw, 0, 5) == ("title", 0, 5)
    s = raw.index("Kovac interview")
    assert map_raw_span(art, raw, s, s + 5) is None
    s = raw.index("Kovac left")
    assert map_raw_span(art, raw, s, s + 5) == ("text", 0, 5)
