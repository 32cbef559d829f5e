import pytest

from narrascope.errors import NarrascopeError
from narrascope.narratives.semeval import Annotation, load_training_data, read_annotations, write_annotations


def test_write_read_round_trip(tmp_path):
    rows = [
        Annotation("EN_UA_1.txt", ["URW: Discrediting Ukraine"], ["URW: Discrediting Ukraine: Discrediting Ukrainian military"]),
        Annotation("EN_CC_2.txt", ["Other"], ["Other"]),
        Annotation("EN_UA_3.txt", ["URW: Praise of Russia", "URW: Discrediting Ukraine"],
                   ["URW: Praise of Russia: Other", "URW: Discrediting Ukraine: Ukraine is associated with nazism"]),
    ]
    path = tmp_path / "pred.txt"
    write_annotations(path, rows)
    lines = path.read_text("utf-8").splitlines()
    assert lines[2] == "EN_UA_3.txt\tURW: Praise of Russia;URW: Discrediting Ukraine\tURW: Praise of Russia: Other;URW: Discrediting Ukraine: Ukraine is associated with nazism"
    back = read_annotations(path)
    assert list(back) == [r.id for r in rows]
    assert all(back[r.id] == r for r in rows)


def test_repeated_labels_collapse_and_crlf(tmp_path):
    path = tmp_path / "gold.txt"
    path.write_bytes(b"A.txt\tOther;Other\tOther\r\nB.txt\tX\t\r\n")
    got = read_annotations(path)
    assert got["A.txt"].narratives == ["Other"] and got["B.txt"].subnarratives == []


@pytest.mark.parametrize("content, fragment", [
    ("A.txt\n", "found 1"),
    ("A.txt\tOther\tOther\nA.txt\tOther\tOther\n", "appears twice"),
    ("\tOther\tOther\n", "empty article id"),
])
def test_malformed_file(tmp_path, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NarrascopeError) as err:
        read_annotations(path)
    assert err.value.code == "E301" and fragment in str(err.value) and str(path) in str(err.value)


def test_missing_data_folder(tmp_path):
    with pytest.raises(NarrascopeError, match="E302"):
        load_training_data(tmp_path / "nowhere")
    with pytest.raises(NarrascopeError, match="E302"):
        read_annotations(tmp_path / "none.txt")
