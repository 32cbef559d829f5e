"""Bad input: each kind gets a clear one-line error naming the file, and the batch goes on."""
import codecs
import time

import pytest

from narrascope.doc import Article
from narrascope.errors import InputError
from narrascope.ingest import read_path, read_paths

GOOD = "Evacuation buses left the town\n\nThe last evacuation buses left the town on Sunday morning, volunteers said.\n"


def _one_error(path, config=None) -> InputError:
    items = list(read_path(path, config))
    assert len(items) == 1, items
    err = items[0]
    assert isinstance(err, InputError)
    assert str(path) in str(err)
    assert "\n" not in str(err)
    return err


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _one_error(path).code == "E001"


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t \r\n")
    assert _one_error(path).code == "E001"


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    err = _one_error(path)
    assert err.code == "E002" and "NUL" in str(err)


def test_control_character_soup(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 65, 66]) * 200)
    assert _one_error(path).code == "E002"


def test_cp1251_names_the_encoding_and_the_fix(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Мост через реку откроют весной\n\nГородской совет сообщил в понедельник, что новый мост "
                     "через реку откроют для движения следующей весной, после двух лет задержек.".encode("cp1251"))
    err = _one_error(path)
    assert err.code == "E003"
    message = str(err)
    assert "1251" in message and "iconv -f" in message and "-t utf-8" in message


def test_utf8_bom_and_utf16_with_bom_are_read(tmp_path):
    bom8 = tmp_path / "bom8.txt"
    bom8.write_bytes(codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    bom16 = tmp_path / "bom16.txt"
    bom16.write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    bom32 = tmp_path / "bom32.txt"
    bom32.write_bytes(codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"))
    arts = list(read_paths([bom8, bom16, bom32]))
    assert all(isinstance(a, Article) for a in arts), arts
    for art in arts:
        assert art.title == "Evacuation buses left the town"
        assert art.text.startswith("The last evacuation buses")
        # The BOM stays in raw_text (SemEval offsets count it) but not in the text.
        assert art.raw_text.startswith("\ufeff") and not art.text.startswith("\ufeff")
    assert [a.meta["encoding"] for a in arts] == ["UTF-8 with BOM", "UTF-16", "UTF-32"]


def test_utf16_without_bom_is_refused_clearly(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    err = _one_error(path)
    assert err.code == "E002" and "UTF-16LE" in str(err) and "iconv -f utf-16le" in str(err)


def test_huge_file_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.seek(51 * 1024 * 1024)
        handle.write(b"x")
    t0 = time.perf_counter()
    err = _one_error(path)
    assert err.code == "E004" and "53477377" in str(err)
    assert time.perf_counter() - t0 < 1.0


def test_max_bytes_from_config(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(GOOD)
    assert _one_error(path, {"ingest": {"max_bytes": 20}}).code == "E004"


def test_gzip_bomb_refused(tmp_path):
    import gzip

    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>" + b" " * (2 * 1024 * 1024)))
    err = _one_error(path, {"ingest": {"max_bytes": 1024 * 1024}})
    assert err.code == "E004" and "uncompressed" in str(err)


def test_broken_gzip(tmp_path):
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert _one_error(path).code == "E009"


def test_missing_path():
    err = _one_error("/nonexistent/narrascope/article.txt")
    assert err.code == "E007"


def test_batch_goes_on_after_errors(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d_cp1251.txt").write_bytes("Новости дня и другие события недели".encode("cp1251"))
    (tmp_path / "e_bad.jsonl").write_text('{"id": "j1", "text": "Fine record text here."}\n{oops\n')
    (tmp_path / "f_good.txt").write_text(GOOD.replace("Sunday", "Monday"))
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    kinds = [(i.id if isinstance(i, Article) else i.code) for i in items]
    assert kinds == ["a_good", "E001", "E002", "E003", "j1", "E010", "f_good", "E007"]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_binary_record_files(tmp_path, suffix):
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(b"\x00\x10\x00\x20" * 100)
    assert _one_error(path).code == "E002"


def test_jsonl_record_not_utf8(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "Good UTF-8 record."}\n' + '{"id": "bad", "text": "Новости"}\n'.encode("cp1251"))
    items = list(read_path(path))
    assert isinstance(items[0], Article)
    assert items[1].code == "E010" and "record 2" in str(items[1]) and "UTF-8" in str(items[1])
