"""End-to-end: the `narrascope analyze` command on a batch with good and bad inputs."""
import json
import shutil
from pathlib import Path

import pytest

from narrascope.cli import main

ROOT = Path(__file__).resolve().parents[2]
LIGHT = "language,clean"


def _batch(tmp_path: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    shutil.copy(ROOT / "samples" / "orlov-reserves.txt", d / "orlov.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.txt").write_bytes(bytes(range(256)) * 64)
    (d / "cyrillic-cp1251.txt").write_bytes("Заголовок\n\nТекст статьи о войне в Украине.".encode("cp1251"))
    (d / "brief.txt").write_text("Kyiv says talks stalled\n\nThe foreign ministry said on Monday that the talks had stalled.\n", encoding="utf-8")
    return d


def test_batch_goes_on_after_bad_files_and_exit_code_says_so(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    rc = main(["analyze", str(_batch(tmp_path)), "--only", LIGHT, "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1
    rows = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == ["brief", "orlov"]
    for name, code in (("empty.txt", "E001"), ("blob.txt", "E002"), ("cyrillic-cp1251.txt", "E003")):
        line = next(l for l in err.splitlines() if name in l)
        assert code in line
    assert "3 input(s) failed" in err


def test_output_contract_and_cleaning(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    rc = main(["analyze", str(ROOT / "samples" / "orlov-reserves.txt"), "--only", LIGHT, "--out", str(out), "--quiet"])
    assert rc == 0
    (row,) = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    assert row["id"] == "orlov-reserves"
    assert row["title"] == "Former minister: Moscow is running out of reserves"
    assert row["language"] == "en"
    for key in ("text", "removed", "quotes"):
        assert key in row
    reasons = {r["reason"] for r in row["removed"]}
    assert {"signup", "related-block", "comment-prompt"} <= reasons
    assert "Post a comment" not in row["text"]
    # every line of the multi-paragraph quote is kept
    assert '"But neither will give up an inch of land' in row["text"]
    assert "Subscribe to our newsletter" not in row["text"]


def test_stdout_when_no_out(tmp_path, capsys):
    f = tmp_path / "one.txt"
    f.write_text("Headline here\n\nThe ministry said the convoy had arrived in Kherson on Tuesday.\n", encoding="utf-8")
    assert main(["analyze", str(f), "--only", LIGHT, "--quiet"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "one" and row["title"] == "Headline here"


def test_missing_path_is_reported(tmp_path, capsys):
    rc = main(["analyze", str(tmp_path / "nope"), "--only", LIGHT, "--quiet"])
    assert rc == 1
    assert "E007" in capsys.readouterr().err


def test_only_with_an_unknown_stage_is_an_error(tmp_path, capsys):
    rc = main(["analyze", str(ROOT / "samples" / "orlov-reserves.txt"), "--only", "clean,attribuion", "--quiet"])
    assert rc != 0
    err = capsys.readouterr().err
    assert "E101" in err and "attribuion" in err and "attribution" in err
