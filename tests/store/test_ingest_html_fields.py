"""HTML tags inside JSONL/CSV text fields are removed before analysis (they became actors and quotes before)."""
import csv
import json

from narrascope.cli import main
from narrascope.doc import Article
from narrascope.ingest import read_paths
from narrascope.ingest.records import strip_html
from narrascope.pipeline import load_config
from narrascope.store import Store

BODY = ('<p>Officials in <a href="https://x.example/kharkiv">Kharkiv</a> said on Monday that the bridge was '
        'damaged&nbsp;overnight.</p><p>The mayor, <strong>Ihor Terekhov</strong>, said repairs would take weeks.<br>'
        'Traffic was diverted.</p><script>trackReader();</script><!-- ad slot --><div class="share">Share</div>')


def test_strip_html_keeps_paragraphs_and_words():
    text, found = strip_html(BODY)
    assert found
    assert text == ("Officials in Kharkiv said on Monday that the bridge was damaged overnight.\n\n"
                    "The mayor, Ihor Terekhov, said repairs would take weeks.\nTraffic was diverted.\n\nShare")
    assert strip_html("Prices rose 3 < 4 and a > b, said <the source>.") == ("Prices rose 3 < 4 and a > b, said <the source>.", False)


def test_jsonl_and_csv_text_fields_lose_their_tags(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "title": "<b>Bridge</b> damaged", "text": BODY}) + "\n",
                                      encoding="utf-8")
    with open(tmp_path / "b.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text"])
        w.writerow(["c1", "Bridge damaged", BODY])
    arts = [a for a in read_paths([str(tmp_path)], load_config()) if isinstance(a, Article)]
    assert sorted(a.id for a in arts) == ["c1", "j1"]
    for a in arts:
        assert "<" not in a.text and "href" not in a.text and "trackReader" not in a.text
        assert a.text.startswith("Officials in Kharkiv said") and a.title == "Bridge damaged"
        assert a.meta["html_stripped"] is True and a.raw_text == BODY  # the input is kept as it came


def test_ingested_record_has_no_tags_in_store(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "title": "Bridge damaged", "text": BODY}) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert main(["ingest", str(tmp_path / "a.jsonl"), "--db", url, "--only", "language,clean", "--no-claims", "-q"]) == 0
    with Store(url) as st:
        art = st.get_article("j1")
        assert "<" not in art.text and "Ihor Terekhov" in art.text
