import json

import pytest

from narrascope.errors import NarrascopeError
from narrascope.narratives.taxonomy import load_taxonomy, taxonomy_from_dict

from shared_data import shared_path


def test_bundled_taxonomy_shape():
    t = load_taxonomy("semeval2025")
    assert len(t.coarse_classes) == 22 and len(t.fine_classes) == 96
    assert t.other_label == "Other" and t.coarse_classes[-1] == "Other"
    assert t.parent("URW: Discrediting Ukraine: Ukraine is associated with nazism") == "URW: Discrediting Ukraine"
    # Every narrative has its "X: Other"; the URW hidden-plots narrative has nothing else.
    assert all(t.other_sub(n) == f"{n}: Other" for n in t.narrative_labels)
    assert [s.label for s in t.narrative("URW: Hidden plots by secret schemes of powerful groups").subnarratives] == [
        "URW: Hidden plots by secret schemes of powerful groups: Other"]
    # Descriptions are filled in for every label.
    assert all(t.description(l) for l in t.narrative_labels + t.subnarrative_labels)


def test_bundled_taxonomy_matches_official_class_lists():
    tax = shared_path("data", "semeval2025", "taxonomy")
    t = load_taxonomy()
    narratives = {l for l in (tax / "subtask2_narratives.txt").read_text("utf-8").splitlines() if l.strip()}
    subs = {l for l in (tax / "DERIVED_subtask2_subnarratives_full96.txt").read_text("utf-8").splitlines() if l.strip()}
    assert set(t.coarse_classes) == narratives
    assert set(t.fine_classes) == subs


def test_user_taxonomy_toml_and_json(tmp_path):
    toml = tmp_path / "mine.toml"
    toml.write_text('''name = "energy"
[[narratives]]
label = "Prices"
description = "Energy is getting too expensive."
subnarratives = [{ name = "Gas", description = "Gas bills." }, "Power"]
[[narratives]]
label = "Security"
''', encoding="utf-8")
    t = load_taxonomy(toml)
    assert t.fine_classes == ["Prices: Gas", "Prices: Power", "Prices: Other", "Security: Other", "Other"]
    # JSON with the same structure, and to_dict() round-trips.
    js = tmp_path / "mine.json"
    js.write_text(json.dumps(t.to_dict()), encoding="utf-8")
    assert load_taxonomy(js).fine_classes == t.fine_classes


@pytest.mark.parametrize("content, fragment", [
    ('name = "x"\nnarratives = [', "not valid TOML"),
    ('name = "x"\n', "'narratives' must be a non-empty list"),
    ('[[narratives]]\nlabel = "A"\n', "'name'"),
    ('name = "x"\n[[narratives]]\ndescription = "no label"\n', "'label'"),
    ('name = "x"\n[[narratives]]\nlabel = "A"\n[[narratives]]\nlabel = "A"\n', "duplicate label"),
    ('name = "x"\n[[narratives]]\nlabel = "A;B"\n', "may not contain"),
    ('name = "x"\n[[narratives]]\nlabel = "A"\nsubnarratives = [{ description = "nameless" }]\n', "needs a non-empty 'name'"),
    ('name = "x"\n[[narratives]]\nlabel = "A"\ncolour = "red"\n', "unknown keys"),
])
def test_malformed_taxonomy_names_file_and_problem(tmp_path, content, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NarrascopeError) as err:
        load_taxonomy(path)
    assert err.value.code == "E203"
    assert str(path) in str(err.value) and fragment in str(err.value)


def test_missing_taxonomy_file(tmp_path):
    with pytest.raises(NarrascopeError, match="E203"):
        load_taxonomy(tmp_path / "nope.toml")
    with pytest.raises(NarrascopeError, match="top level"):
        taxonomy_from_dict(["not", "a", "table"])
