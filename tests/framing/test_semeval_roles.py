"""predict roles / evaluate roles on a few real training articles (skips without ../shared)."""
import pytest

from narrascope.cli import main
from narrascope.framing.semeval import read_rows
from shared_data import shared_path


@pytest.mark.shared
@pytest.mark.slow
def test_predict_roles_on_training_articles_scores(tmp_path, capsys):
    root = shared_path("data", "semeval2025", "train", "EN")
    gold_rows = read_rows(root / "subtask-1-annotations.txt", with_roles=True)
    ids = sorted({r.article_id for r in gold_rows})[:4]
    gold = tmp_path / "gold.txt"
    mentions = tmp_path / "mentions.txt"
    lines = [l for l in (root / "subtask-1-annotations.txt").read_text("utf-8").splitlines() if l.split("\t")[0] in ids]
    gold.write_text("\n".join(lines) + "\n", "utf-8")
    mentions.write_text("\n".join("\t".join(l.split("\t")[:4]) for l in lines) + "\n", "utf-8")
    pred = tmp_path / "pred.txt"
    assert main(["predict", "roles", str(root), "--mentions", str(mentions), "--out", str(pred), "-q"]) == 0
    rows = read_rows(pred, with_roles=True)
    assert [(r.article_id, r.start, r.end) for r in rows] == [(r.article_id, r.start, r.end) for r in read_rows(mentions)]
    capsys.readouterr()
    assert main(["evaluate", "roles", "--gold", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "exact match" in out and "main-role acc" in out
