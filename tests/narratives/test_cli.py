import pytest

from narrascope.cli import main


def test_evaluate_command_prints_official_figures(tmp_path, capsys):
    gold = tmp_path / "gold.txt"
    pred = tmp_path / "pred.txt"
    du = "URW: Discrediting Ukraine"
    gold.write_text(f"a.txt\t{du}\t{du}: Discrediting Ukrainian military;{du}: Other\nb.txt\tOther\tOther\n", encoding="utf-8")
    pred.write_text(f"a.txt\t{du}\t{du}: Discrediting Ukrainian military\nb.txt\t{du}\t{du}: Other\n", encoding="utf-8")
    assert main(["evaluate", "narratives", "--gold", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    # a: coarse 1, fine 2/3; b: 0, 0 -> means 0.5 and 1/3, std 0.5 and 1/3
    assert "F1@coarse: 0.50000 (std 0.50000)" in out
    assert "F1@fine:   0.33333 (std 0.33333)" in out
    assert "on Other articles (n=1): F1@coarse 0.000  F1@fine 0.000" in out


def test_predict_command_rejects_a_folder_without_articles(tmp_path, capsys):
    assert main(["predict", "narratives", str(tmp_path), "--out", str(tmp_path / "p.txt")]) == 2
    assert "E006" in capsys.readouterr().err
    assert main(["predict", "narratives", str(tmp_path / "missing"), "--out", str(tmp_path / "p.txt")]) == 2


def test_train_command_rejects_missing_data(tmp_path, capsys):
    assert main(["train", "narratives", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "m")]) == 2
    assert "E302" in capsys.readouterr().err
