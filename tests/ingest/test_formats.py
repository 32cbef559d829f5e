"""HTML, JSON Lines, CSV, JSON and SemEval folders."""
import gzip
import json

from narrascope.doc import Article
from narrascope.errors import InputError
from narrascope.ingest import read_path, read_paths


def _articles(items):
    return [i for i in items if isinstance(i, Article)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


def test_html_main_text_and_metadata(fixtures):
    art = next(read_path(fixtures / "ingest" / "page.html"))
    assert art.source_format == "html"
    assert art.title == "Air defence repels night attack on Odesa"
    assert art.outlet == "Harbour Herald"
    assert art.url == "https://harbour-herald.example/news/2024/05/14/odesa-air-defence"
    assert art.published == "2024-05-14"
    assert art.author == "Mykola Hrytsenko"
    assert art.text.startswith("Air defence units shot down")
    assert "Fourteen of the sixteen drones" in art.text
    assert "grain loading had not been affected" in art.text
    # Navigation, cookie banner, adverts, scripts, related links and comments are not article text.
    for junk in ("Accept all", "Economy", "bicycle", "tracking pixel", "Ferry service", "Stay strong", "All rights reserved"):
        assert junk not in art.text
    assert art.raw_text.startswith("<!DOCTYPE html>")


def test_html_gz_and_id_without_both_suffixes(fixtures, tmp_path):
    path = tmp_path / "odesa-page.html.gz"
    path.write_bytes(gzip.compress((fixtures / "ingest" / "page.html").read_bytes()))
    art = next(read_path(path))
    assert art.id == "odesa-page" and art.meta["file_name"] == "odesa-page.html.gz"
    assert "Fourteen of the sixteen drones" in art.text


def test_html_declared_legacy_charset_is_honoured(tmp_path):
    html = ('<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
            '<p>Городской совет сообщил в понедельник, что новый мост через реку откроют для движения следующей весной.</p>'
            '<p>Работы на мосту шли два года, и жители давно ждали его открытия после ремонта.</p>'
            '</article></body></html>')
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    art = next(read_path(path))
    assert "Городской совет" in art.text and art.meta["encoding"] == "cp1251"


def test_hostile_html_does_not_crash(tmp_path):
    nested = tmp_path / "nested.html"
    nested.write_text("<html><body>" + "<div>" * 20000 + "deep" + "</div>" * 20000 + "</body></html>")
    scripts = tmp_path / "scripts.html"
    scripts.write_text("<html><head><script>" + "var x = 1;" * 5000 + "</script></head><body><script>alert(1)</script></body></html>")
    junk = tmp_path / "junk.htm"
    junk.write_text("<<<>>><p <b </i>>>> &&&; <!-- unclosed")
    items = list(read_paths([nested, scripts, junk]))
    assert len(items) == 3
    for item in items:
        assert isinstance(item, InputError)
        assert item.code in ("E006", "E009")


def test_jsonl_fields_aliases_and_ids(fixtures):
    items = list(read_path(fixtures / "ingest" / "records.jsonl"))
    arts = _articles(items)
    assert [a.id for a in arts] == ["rec-1", "rec-2", "records:3"]
    first, second, third = arts
    assert first.title == "Rail link to the capital reopens"  # headline alias
    assert first.outlet == "Rail Daily" and first.published == "2024-06-06"
    assert first.text.startswith("The rail link")  # body alias
    assert second.published == "2024-06-07"  # dd.mm.yyyy normalised
    assert third.outlet == "City Post" and third.published.startswith("2024-06-08T09:15")
    assert all(a.source_format == "jsonl" and a.content_hash for a in arts)
    assert third.meta["record"] == 3 and third.meta["file_name"] == "records.jsonl"


def test_jsonl_configured_field_names(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"doc": "a1", "story": "Sappers cleared the road to the village on Sunday.", "paper": "Daily"}) + "\n")
    config = {"ingest": {"text_fields": {"id": "doc", "text": "story", "outlet": "paper"}}}
    art = next(read_path(path, config))
    assert (art.id, art.outlet) == ("a1", "Daily")
    assert art.text == "Sappers cleared the road to the village on Sunday."


def test_malformed_jsonl_line_reported_and_rest_read(tmp_path):
    good = {"id": "g", "text": "The bridge reopened to traffic on Monday after repairs."}
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "n", "title": "no text"}),
                               json.dumps({**good, "id": "g2"})]) + "\n")
    items = list(read_path(path))
    assert [a.id for a in _articles(items)] == ["g", "g2"]
    errors = _errors(items)
    assert [e.code for e in errors] == ["E010", "E010"]
    assert "record 2" in str(errors[0]) and "mixed.jsonl" in str(errors[0]) and "not valid JSON" in str(errors[0])
    assert "record 3" in str(errors[1]) and "no text field" in str(errors[1])


def test_file_that_is_not_jsonl_at_all_gives_one_error(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text("\n".join(f"line {i} of plain prose" for i in range(20)))
    items = list(read_path(path))
    assert len(items) == 1 and items[0].code == "E005"


def test_csv_with_multiline_and_quoted_fields(fixtures):
    arts = _articles(read_path(fixtures / "ingest" / "records.csv"))
    assert [a.id for a in arts] == ["csv-1", "csv-2"]
    assert "\n" in arts[0].text and arts[0].outlet == "Border News"
    assert '"much more remains"' in arts[1].text
    assert arts[1].source_format == "csv" and arts[1].url == "https://field.example/2"


def test_malformed_csv_rows_reported_and_rest_read(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('id,title,text\n'
                    'a,One,The first article has a proper text.\n'
                    'b,Two,too,many,fields\n'
                    'c,Three,"A quote ""inside"" the third text."\n'
                    'd,Four,\n')
    items = list(read_path(path))
    assert [a.id for a in _articles(items)] == ["a", "c"]
    errors = _errors(items)
    assert [e.code for e in errors] == ["E010", "E010"]
    assert "record 2" in str(errors[0]) and "fields" in str(errors[0])
    assert "record 4" in str(errors[1]) and "empty" in str(errors[1])


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("name,value\nx,1\n")
    (err,) = read_path(path)
    assert err.code == "E005" and "no text column" in str(err)


def test_csv_semicolon_and_big_field(tmp_path):
    path = tmp_path / "semi.csv"
    big = "word " * 40000  # over the csv module's default 128 KiB field limit
    path.write_text(f"id;text\nbig;{big}\n")
    (art,) = read_path(path)
    assert art.id == "big" and len(art.text) > 150000


def test_json_array(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": "j1", "text": "First article text about the harbour."},
                                {"id": "j2", "content": "Second article text about the railway."}]))
    assert [a.id for a in read_path(path)] == ["j1", "j2"]


def write_semeval_folder(root):
    """A SemEval-layout training folder (title line, blank line, body with a leading space, as the
    official files are laid out), written by us: no shared data in the repository."""
    docs = root / "EN" / "raw-documents"
    docs.mkdir(parents=True)
    (docs / "EN_UA_900001.txt").write_text(
        "Volunteers rebuild school roof before winter \n\n"
        " Volunteers from three villages patched the school roof over two weekends, using timber from a "
        "closed sawmill.\n\nPupils have studied in the community hall since the autumn storm.\n", encoding="utf-8")
    (docs / "EN_UA_900002.txt").write_text(
        "Parliament extends martial law by ninety days. \n\n"
        " Deputies approved the extension in a morning session, the chamber's website said.\n\n"
        "The vote passed with a wide margin.\n", encoding="utf-8")
    (root / "EN" / "subtask-2-annotations.txt").write_text(
        "EN_UA_900001.txt\tURW: Example narrative\tURW: Example narrative: Other\n", encoding="utf-8")
    return root


def test_semeval_folder_reads_documents_only(tmp_path):
    items = list(read_path(write_semeval_folder(tmp_path)))
    arts = _articles(items)
    assert not _errors(items)
    assert [a.id for a in arts] == ["EN_UA_900001", "EN_UA_900002"]  # annotations file not read
    first = arts[0]
    assert first.source_format == "semeval" and first.meta["semeval_lang"] == "en"
    assert first.meta["file_name"] == "EN_UA_900001.txt"
    assert first.title == "Volunteers rebuild school roof before winter"
    assert first.text.startswith("Volunteers from three villages")
    assert arts[1].title == "Parliament extends martial law by ninety days."


def test_semeval_test_layout_skips_repeated_files(tmp_path):
    for sub in ("subtask-2-documents", "subtask-1-documents"):
        (tmp_path / "EN" / sub).mkdir(parents=True)
        (tmp_path / "EN" / sub / "CC_TEST_00001.txt").write_text("Heading here\n\nA body paragraph that is long enough to be a body.")
    (tmp_path / "EN" / "subtask-1-documents" / "CC_TEST_00002.txt").write_text("Another heading\n\nAnother body paragraph, long enough.")
    (tmp_path / "EN" / "subtask-1-entity-mentions.txt").write_text("CC_TEST_00001.txt\tX\t1\t2\n")
    arts = list(read_path(tmp_path))
    assert [a.id for a in arts] == ["CC_TEST_00001", "CC_TEST_00002"]
    assert all(a.meta["semeval_lang"] == "en" for a in arts)


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden file that must not be read at all by the walker.")
    for name in ("b/2.txt", "b/1.txt", "a/9.txt", "0.txt"):
        (tmp_path / name).write_text(f"Article {name} body text, a full sentence of news.")
    assert [a.id for a in read_path(tmp_path)] == ["0", "9", "1", "2"]


def test_unknown_suffix_sniffed(tmp_path):
    text = tmp_path / "article.story"
    text.write_text("Headline of a story\n\nThe story body is a full paragraph of ordinary prose about the war.")
    page = tmp_path / "saved_page"
    page.write_text("<!doctype html><html><body><article><p>" + "Shelling hit the district again on Sunday, officials said. " * 5 + "</p></article></body></html>")
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    items = list(read_paths([text, page, image]))
    assert items[0].source_format == "text" and items[0].title == "Headline of a story"
    assert items[1].source_format == "html" and "Shelling hit" in items[1].text
    assert isinstance(items[2], InputError) and items[2].code == "E008" and "photo.png" in str(items[2])


def test_read_paths_accepts_a_single_path_string(fixtures):
    arts = list(read_paths(str(fixtures / "ingest" / "with_title.txt")))
    assert len(arts) == 1 and arts[0].id == "with_title"


def test_read_paths_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Body {i} of an article, a complete sentence.")
    gen = read_paths([tmp_path])
    first = next(gen)
    (tmp_path / "0.txt").unlink()  # reading has not gone past the first file yet
    (tmp_path / "2.txt").write_text("Changed after the walk began, and read as changed.")
    rest = list(gen)
    assert first.id == "0" and [a.id for a in rest] == ["1", "2"] and rest[1].text.startswith("Changed")


def test_gzipped_jsonl_shard(fixtures, tmp_path):
    path = tmp_path / "shard-0001.jsonl.gz"
    path.write_bytes(gzip.compress((fixtures / "ingest" / "records.jsonl").read_bytes()))
    assert [a.id for a in read_path(path)] == ["rec-1", "rec-2", "shard-0001:3"]


def test_csv_broken_quoting_reported_and_rest_read(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text('id,text\na,"Good first text."\nb,"bad"x here\nc,Third text is fine.\nd,"unterminated quote\ne,Last.\n')
    items = list(read_path(path))
    assert [i.id if isinstance(i, Article) else i.code for i in items] == ["a", "E010", "c", "E010"]
    assert "record 2" in str(items[1]) and "line 3" in str(items[1])


def test_html_with_too_many_elements_is_refused_quickly(fixtures):
    (err,) = read_path(fixtures / "ingest" / "page.html", {"ingest": {"html": {"max_elements": 20}}})
    assert err.code == "E009" and "max_elements" in str(err)


def test_dates_normalised_to_iso():
    from narrascope.ingest.records import normalise_date

    assert normalise_date("2024-06-03") == "2024-06-03"
    assert normalise_date("03.06.2024") == "2024-06-03"
    assert normalise_date("3 June 2024") == "2024-06-03"
    assert normalise_date("Mon, 03 Jun 2024 10:00:00 GMT") == "2024-06-03T10:00:00+00:00"
    assert normalise_date("2024-06-03T10:00:00Z") == "2024-06-03T10:00:00+00:00"
    assert normalise_date(1717408800) == "2024-06-03T10:00:00+00:00"
    assert normalise_date("June 2024") is None  # no day: not invented
    assert normalise_date("last Tuesday") is None


def test_unreadable_date_kept_aside_with_a_warning(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": "The convoy arrived.", "date": "sometime in spring"}) + "\n")
    (art,) = read_path(path)
    assert art.published is None and art.meta["published_raw"] == "sometime in spring"
    assert any("sometime in spring" in w for w in art.warnings)
