"""Record files are streamed: memory stays flat however big the shard."""
import json
import tracemalloc

from narrascope.ingest import read_path


def _peak_while_reading(path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = 0
        for item in read_path(path):
            count += 1
            del item
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_jsonl_shard_memory_is_flat(tmp_path):
    path = tmp_path / "shard.jsonl"
    paragraph = "Artillery fire was reported along the river overnight, officials said. " * 50  # ~3.6 KB
    with open(path, "w") as handle:
        for i in range(2500):
            handle.write(json.dumps({"id": f"r{i}", "text": f"{i} {paragraph}"}) + "\n")
    assert path.stat().st_size > 8_000_000
    count, peak = _peak_while_reading(path)
    assert count == 2500
    assert peak < 1_500_000, f"peak {peak} bytes while streaming a {path.stat().st_size}-byte shard"


def test_csv_memory_is_flat(tmp_path):
    path = tmp_path / "big.csv"
    paragraph = "Power was restored to most homes by the evening, the operator said. " * 50
    with open(path, "w") as handle:
        handle.write("id,text\n")
        for i in range(2500):
            handle.write(f'c{i},"{i} {paragraph}"\n')
    count, peak = _peak_while_reading(path)
    assert count == 2500
    assert peak < 1_500_000
