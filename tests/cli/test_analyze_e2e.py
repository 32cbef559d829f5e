"""End-to-end: `narrascope analyze` with the default six-stage pipeline (no --only) on three articles written
for this test (tests/fixtures/e2e/articles.jsonl), checking every key of the JSON output contract
(src/narrascope/schema/article.schema.json) with real content, not just its presence."""
import json
import re
from importlib import resources
from pathlib import Path

import jsonschema  # a test extra (pyproject [test]): missing is an error, not a skip
import pytest

from narrascope.cli import main
from narrascope.doc import SCHEMA_VERSION
from narrascope.pipeline import load_config

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "e2e" / "articles.jsonl"
ROLES = {"Protagonist", "Antagonist", "Innocent"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    out = tmp / "out.jsonl"
    assert main(["analyze", str(FIXTURE), "--include-raw", "--out", str(out), "--html", str(tmp / "report"), "--quiet"]) == 0
    return {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}, tmp / "report"


@pytest.fixture(scope="module")
def rows(run):
    return run[0]


def test_html_report_is_written_for_every_article(run):
    """The report renders what the default pipeline wrote (its templates read every field of the contract)."""
    rows, report = run
    pages = sorted((report / "articles").glob("*.html"))
    assert (report / "index.html").is_file() and len(pages) == len(rows)


def inputs() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, FIXTURE.read_text("utf-8").splitlines())}


def taxonomy_labels() -> set[str]:
    from narrascope.narratives.taxonomy import load_taxonomy

    tax = load_taxonomy(load_config()["components"]["narratives"].get("taxonomy") or "semeval2025")
    return set(tax.coarse_classes) | set(tax.fine_classes)


def slices(span: dict, text: str) -> bool:
    return 0 <= span["start"] < span["end"] <= len(text) and text[span["start"]:span["end"]] == span["text"]


pytestmark = pytest.mark.slow


def test_every_article_has_every_contract_key_and_validates(rows):
    schema = json.loads(resources.files("narrascope.schema").joinpath("article.schema.json").read_text("utf-8"))
    assert sorted(rows) == ["e2e-bridge", "e2e-bridge-wire", "e2e-sanctions"]
    for row in rows.values():
        jsonschema.validate(row, schema)
        assert set(row) == set(schema["properties"]), set(row) ^ set(schema["properties"])
        assert row["schema_version"] == SCHEMA_VERSION


def test_identity_and_metadata_come_from_the_input(rows):
    given = inputs()
    for aid, row in rows.items():
        src = given[aid]
        assert row["title"] == src["title"]
        assert row["url"] == src["url"] and row["outlet"] == src["outlet"]
        assert row["author"] == src.get("author")
        assert row["source_format"] == "jsonl" and row["source_path"].endswith("e2e/articles.jsonl")
        assert row["language"] == "en" and 0.5 < row["language_score"] <= 1.0
        assert re.fullmatch(r"[0-9a-f]{64}", row["content_hash"])
    assert rows["e2e-bridge"]["published"] == "2024-05-14"
    assert rows["e2e-sanctions"]["published"].startswith("2024-06-03T09:30")
    # The wire copy: same content (hash), flagged as an exact duplicate of the first, its unreadable date warned about.
    wire, first = rows["e2e-bridge-wire"], rows["e2e-bridge"]
    assert wire["content_hash"] == first["content_hash"] != rows["e2e-sanctions"]["content_hash"]
    assert wire["duplicate_of"] == {"of": "e2e-bridge", "kind": "exact", "similarity": 1.0}
    assert first["duplicate_of"] is None and rows["e2e-sanctions"]["duplicate_of"] is None
    assert wire["published"] is None and wire["meta"]["published_raw"] == "last Tuesday"
    assert len(wire["warnings"]) == 1 and "last Tuesday" in wire["warnings"][0]
    assert first["warnings"] == [] and rows["e2e-sanctions"]["warnings"] == []
    # meta: where the record came from, and input fields the contract has no key for.
    assert first["meta"]["record"] == 1 and first["meta"]["file_name"] == "articles.jsonl"
    assert first["meta"]["fields"] == {"section": "World"}


def test_cleaning_text_raw_text_and_removed(rows):
    row = rows["e2e-bridge"]
    assert "Subscribe to our newsletter" in row["raw_text"] and "Subscribe to our newsletter" not in row["text"]
    assert row["text"].startswith("Russian forces struck a road bridge") and "Dmitry Peskov" in row["text"]
    (removed,) = row["removed"]
    assert removed["reason"] == "signup" and row["raw_text"][removed["start"]:removed["end"]] == removed["text"]
    assert rows["e2e-sanctions"]["removed"] == [] and rows["e2e-sanctions"]["raw_text"].strip() == rows["e2e-sanctions"]["text"].strip()


def test_timings_name_the_six_default_stages(rows):
    stages = load_config()["pipeline"]["components"]
    assert len(stages) == 6
    for row in rows.values():
        assert list(row["timings"]) == stages and all(v >= 0 for v in row["timings"].values())


def test_quotes_speakers_anonymity_medium_and_hedges(rows):
    for row in rows.values():
        text = row["text"]
        for q in row["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
            if q["speaker_start"] >= 0:
                assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_mention"]
            if q["cue_start"] >= 0:
                assert text[q["cue_start"]:q["cue_end"]].lower() == (q["cue"] or "").lower()
            assert 0 < q["confidence"] <= 1
    by = {(q["speaker"], q["kind"]) for q in rows["e2e-bridge"]["quotes"]}
    assert {("Ivan Fedorov", "direct"), ("Ivan Fedorov", "indirect"), ("Volodymyr Zelensky", "direct")} <= by
    bridge = rows["e2e-bridge"]["quotes"]
    direct = next(q for q in bridge if q["speaker"] == "Volodymyr Zelensky")
    assert direct["text"] == "Every day of delay costs lives" and direct["cue"] == "said" and not direct["anonymous"]
    assert direct["speaker_type"] == "person"
    peskov = next(q for q in bridge if q["speaker"] == "Dmitry Peskov")
    assert peskov["medium"] == "RIA Novosti"
    hedged = [q for q in bridge if q["hedged"]]
    assert hedged and {"reportedly", "claimed"} <= {h for q in hedged for h in q["hedges"]}
    anon = [q for q in rows["e2e-sanctions"]["quotes"] if q["anonymous"]]
    assert any("EU official" in q["speaker"] for q in anon)
    assert all(q["speaker_type"] == "anonymous" for q in anon)


def test_narratives_subnarratives_and_their_evidence(rows):
    labels = taxonomy_labels()
    for row in rows.values():
        assert row["narratives"] and row["subnarratives"]
        narratives = {n["label"] for n in row["narratives"]}
        for lab in row["narratives"] + row["subnarratives"]:
            assert lab["label"] in labels and 0 < lab["score"] <= 1
            assert lab["tier"] in ("confident", "likely", "guess")
            assert lab["evidence"] and all(slices(e, row["text"]) for e in lab["evidence"])
        for sub in row["subnarratives"]:  # every subnarrative sits under a narrative the article has
            assert any(sub["label"].startswith(n + ": ") for n in narratives), (sub["label"], narratives)
    assert any("Sanctions" in s["label"] for s in rows["e2e-sanctions"]["subnarratives"])


def test_entities_roles_mentions_and_evidence(rows):
    for row in rows.values():
        assert row["entities"]
        for e in row["entities"]:
            # text: the canonical name (Viktor Orban -> Viktor Orbán); start/end: the first mention
            assert e["mentions"] and all(slices(m, row["text"]) for m in e["mentions"])
            assert (e["start"], e["end"]) == (e["mentions"][0]["start"], e["mentions"][0]["end"])
            assert 0 <= e["framed_score"] <= 1
            if e["framed"]:
                assert e["main_role"] in ROLES and e["fine_roles"] and e["evidence"]
                assert all(slices(s, row["text"]) for s in e["evidence"])
                assert set(e["fine_roles"]) <= set(e["fine_role_scores"])
            else:
                assert e["main_role"] is None and e["fine_roles"] == []
        assert any(e["framed"] for e in row["entities"]), row["id"]
    names = {e["text"] for e in rows["e2e-bridge"]["entities"]}
    assert {"Ivan Fedorov", "Volodymyr Zelensky"} <= names
    assert {e["type"] for e in rows["e2e-bridge"]["entities"]} >= {"PERSON", "GPE"}


def test_explanation_is_grounded_in_the_article(rows):
    for row in rows.values():
        exp = row["explanation"]
        assert exp and 0 < len(exp["text"]) <= 1000
        assert exp["narrative"] in {lab["label"] for lab in row["narratives"] + row["subnarratives"]}
        assert exp["evidence"] and all(slices(e, row["text"]) for e in exp["evidence"])
        # It quotes or paraphrases the article: one of its evidence sentences is in the explanation.
        assert any(e["text"] in exp["text"] for e in exp["evidence"]) or any(
            w in row["text"] for w in re.findall(r"[A-Z][a-z]{4,}", exp["text"]))
