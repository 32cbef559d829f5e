"""SemEval offsets (UTF-16, inclusive end, CRLF kept) and the official subtask-1 file."""
from narrascope.framing.offsets import UTF16Index, read_raw
from narrascope.framing.semeval import MentionRow, locate, read_rows, write_rows

# Our own text: CRLF line endings, an emoji (astral, 2 UTF-16 units) before the mentions.
ARTICLE = "Ceasefire talk 🕊️ stalls\r\n\r\nOfficials in Vilnora said Marta Kovacs 😀 blamed the Duchy of Orsk.\r\n"


def semeval_slice(text: str, start: int, end_inclusive: int) -> str:
    return text.encode("utf-16-le")[2 * start:2 * (end_inclusive + 1)].decode("utf-16-le")


def test_utf16_round_trip_every_span():
    ix = UTF16Index(ARTICLE)
    for s in range(len(ARTICLE)):
        for e in range(s + 1, min(len(ARTICLE), s + 12) + 1):
            S, E = ix.span_to_semeval(s, e)
            assert semeval_slice(ARTICLE, S, E) == ARTICLE[s:e]
            assert ix.span_from_semeval(S, E) == (s, e)


def test_read_raw_keeps_crlf(tmp_path):
    p = tmp_path / "A1.txt"
    p.write_bytes(ARTICLE.encode("utf-8"))
    assert read_raw(p) == ARTICLE
    assert "\r\n" in read_raw(p)


def test_official_writer_offsets_point_at_mentions(tmp_path):
    ix = UTF16Index(ARTICLE)
    rows = []
    for name in ("Marta Kovacs", "Duchy of Orsk"):
        s = ARTICLE.index(name)
        S, E = ix.span_to_semeval(s, s + len(name))
        rows.append(MentionRow("A1.txt", name, S, E, "Antagonist", ["Instigator", "Tyrant"]))
    # The emoji and CRLFs shift UTF-16 offsets past Python indices.
    assert rows[0].start > ARTICLE.index("Marta Kovacs")
    out = tmp_path / "pred.txt"
    write_rows(rows, out)
    raw = out.read_bytes()
    assert b"\r\n" not in raw
    line = raw.decode("utf-8").splitlines()[0].split("\t")
    assert line[:2] == ["A1.txt", "Marta Kovacs"] and line[4:] == ["Antagonist", "Instigator", "Tyrant"]
    back = read_rows(out, with_roles=True)
    for r in back:
        assert semeval_slice(ARTICLE, r.start, r.end) == r.mention
        s, e = locate(ARTICLE, r)
        assert ARTICLE[s:e] == r.mention


def test_bad_mentions_file_names_the_file(tmp_path):
    import pytest

    from narrascope.errors import InputError

    p = tmp_path / "mentions.txt"
    p.write_text("A1.txt\tX\tnot-a-number\t3\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_rows(p)
    assert "mentions.txt" in str(err.value) and "line 1" in str(err.value)
