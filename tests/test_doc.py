import json
from importlib import resources

import jsonschema

from narrascope.doc import Article, Entity, Explanation, Label, Quote, Removal, Span


def _article() -> Article:
    text = 'Pavel Orlov said Moscow is running out of reserves. "The front will break," he told LBC.'
    a = Article(id="a1", title="Reserves", text=text, language="en", raw_text="Reserves\n\n" + text)
    a.removed.append(Removal("Post a comment", "comment-prompt", 0, 14))
    a.quotes.append(Quote(speaker="Pavel Orlov", text="The front will break,", kind="direct", cue="told",
                          medium="LBC", start=text.index("The front"), end=text.index('," he') + 1))
    a.narratives.append(Label("URW: Russia is the Victim", 0.7, [Span(0, 51, text[:51])]))
    a.entities.append(Entity("Pavel Orlov", 0, 11, "Protagonist", ["Guardian"], 0.8, mentions=[Span(0, 11, "Pavel Orlov")]))
    a.explanation = Explanation("Orlov says the front will break.", "URW: Russia is the Victim", [Span(0, 51)])
    a.compute_hash()
    return a


def test_round_trip_keeps_every_field():
    a = _article()
    b = Article.from_json(a.to_json(include_raw=True))
    assert b.to_dict(include_raw=True) == a.to_dict(include_raw=True)
    assert b.quotes[0].medium == "LBC"
    assert b.narratives[0].evidence[0].end == 51


def test_raw_text_only_on_request():
    a = _article()
    assert "raw_text" not in a.to_dict()
    assert a.to_dict(include_raw=True)["raw_text"].startswith("Reserves")


def test_contract_keys_and_offsets():
    d = _article().to_dict()
    for key in ("id", "title", "language", "text", "removed", "quotes"):
        assert key in d
    q = d["quotes"][0]
    assert set(q) >= {"speaker", "text", "kind", "cue", "anonymous", "medium", "hedged", "start", "end"}
    assert d["text"][q["start"]:q["end"]] == q["text"]


def test_matches_json_schema():
    schema = json.loads(resources.files("narrascope.schema").joinpath("article.schema.json").read_text("utf-8"))
    jsonschema.validate(_article().to_dict(), schema)


def test_unknown_keys_kept_in_meta():
    d = _article().to_dict()
    d["from_the_future"] = 1
    assert Article.from_dict(d).meta["from_the_future"] == 1


def test_content_hash_changes_with_content():
    a = _article()
    h = a.content_hash
    a.raw_text += " More."
    assert a.compute_hash() != h
