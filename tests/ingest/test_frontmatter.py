"""Outlet, date and url for plain-text files: front matter and .meta.json sidecars."""
from __future__ import annotations

import json

from narrascope.errors import InputError
from narrascope.ingest import read_paths
from narrascope.ingest.frontmatter import split_front_matter

BODY = ("Talks stall again\n\nThe minister said on Friday that the talks had stalled, "
        "and that no date was set for the next round of negotiations.\n")


def _one(path):
    items = list(read_paths(path))
    assert len(items) == 1, items
    return items[0]


def test_front_matter_sets_fields_and_offsets_still_index_the_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("---\noutlet: Example Daily\ndate: 3 May 2024\nurl: https://example.org/a\n"
                 "section: 'world'\n---\n" + BODY, encoding="utf-8")
    art = _one(f)
    assert (art.outlet, art.published, art.url) == ("Example Daily", "2024-05-03", "https://example.org/a")
    assert art.title == "Talks stall again"
    assert art.text.startswith("The minister said")
    assert "outlet" not in art.text and "---" not in art.text
    assert art.meta["fields"] == {"section": "world"}
    off = art.meta["body_offset"]
    assert art.raw_text[off:off + len(art.text)] == art.text


def test_a_corrected_date_in_front_matter_keeps_the_content_hash(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("---\ndate: 2024-05-03\n---\n" + BODY, encoding="utf-8")
    b.write_text("---\ndate: 2024-05-04\noutlet: Other Paper\n---\n" + BODY, encoding="utf-8")
    assert _one(a).content_hash == _one(b).content_hash
    assert _one(a).published != _one(b).published


def test_sidecar_gives_fields_and_is_not_read_as_an_article(tmp_path):
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"source": "Wire Service", "published": "2024-05-04"}),
                                          encoding="utf-8")
    art = _one(tmp_path)
    assert (art.id, art.outlet, art.published) == ("b", "Wire Service", "2024-05-04")


def test_front_matter_wins_over_the_sidecar_key_by_key(tmp_path):
    (tmp_path / "c.txt").write_text("---\noutlet: Front Outlet\n---\n" + BODY, encoding="utf-8")
    (tmp_path / "c.meta.json").write_text('{"outlet": "Side Outlet", "date": "2024-01-02"}', encoding="utf-8")
    art = _one(tmp_path)
    assert (art.outlet, art.published) == ("Front Outlet", "2024-01-02")


def test_broken_sidecar_is_an_error_naming_it_and_the_batch_goes_on(tmp_path):
    (tmp_path / "d.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "d.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "e.txt").write_text(BODY.replace("Friday", "Monday"), encoding="utf-8")
    items = list(read_paths(tmp_path))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "d.meta.json" in str(errors[0]) and "E005" in str(errors[0])
    assert [i.id for i in items if not isinstance(i, InputError)] == ["e"]


def test_unreadable_date_warns_and_leaves_published_empty(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("---\ndate: sometime in spring\n---\n" + BODY, encoding="utf-8")
    art = _one(f)
    assert art.published is None and art.meta["published_raw"] == "sometime in spring"
    assert any("could not be read" in w for w in art.warnings)


def test_text_that_only_looks_like_front_matter_stays_text():
    assert split_front_matter("---\nnot a field line at all\n---\nBody") == ({}, 0)
    assert split_front_matter("---\noutlet: X\nno closing fence\n") == ({}, 0)
    assert split_front_matter("\ufeff---\r\noutlet: X\r\n---\r\nBody")[0] == {"outlet": "X"}
