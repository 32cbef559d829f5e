"""The Ray engine on a real local Ray cluster (2 CPUs) started by these tests.

Skipped, with the reason, when the optional extra is not installed.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from shared_data import need_module  # noqa: E402

ray = need_module("ray", "Ray is an optional extra: pip install 'narrascope[ray]'", module_level=True)
need_module("ray.data", "Ray Data is missing: pip install 'narrascope[ray]'", module_level=True)

from engine_articles import write_jsonl, write_text_tree  # noqa: E402
from narrascope.doc import Article  # noqa: E402
from narrascope.engine.local import run_local  # noqa: E402
from narrascope.engine.ray_engine import RayEngine, run_ray  # noqa: E402
from narrascope.errors import NarrascopeError  # noqa: E402
from narrascope.ingest import read_paths  # noqa: E402
from narrascope.pipeline import load_config  # noqa: E402

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    if ray.is_initialized():
        ray.shutdown()
    # Workers find the test-only components (ray_plugins.py) on their PYTHONPATH.
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING",
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}})
    yield
    ray.shutdown()


def light_config(*components: str, **component_config) -> dict:
    config = load_config()
    config["pipeline"]["components"] = list(components)
    config["components"].update(component_config)
    config["engine"] = {"ray": {"imports": ["ray_plugins"], "workers": 2, "batch_size": 2}}
    return config


def comparable(item) -> object:
    if isinstance(item, NarrascopeError):
        return str(item)
    d = item.to_dict(include_raw=True)
    d.pop("timings")
    return d


def test_same_results_as_the_local_engine(cluster, tmp_path):
    write_text_tree(tmp_path / "tree", 6)
    write_jsonl(tmp_path / "tree" / "shard.jsonl", 3)
    # An exact duplicate under another name: both engines must flag the same one.
    (tmp_path / "tree" / "zz_copy.txt").write_text((tmp_path / "tree" / "north" / "week1" / "art0001.txt").read_text())
    paths = [str(tmp_path / "tree"), str(tmp_path / "missing.txt")]
    config = light_config("language", "clean", "attribution")
    local = list(run_local(paths, config))
    distributed = list(run_ray(paths, config))
    arts_local = [comparable(x) for x in local if isinstance(x, Article)]
    arts_ray = [comparable(x) for x in distributed if isinstance(x, Article)]
    assert len(arts_ray) == 10
    # Same articles, same order, same analysis (timings aside) — quotes included.
    assert arts_ray == arts_local
    assert any(a["quotes"] for a in arts_ray)
    # Flagged the same way (the shard repeats texts of the tree, and zz_copy copies art0001).
    flagged = {a["id"]: a["duplicate_of"]["of"] for a in arts_ray if a["duplicate_of"]}
    assert flagged == {a["id"]: a["duplicate_of"]["of"] for a in arts_local if a["duplicate_of"]}
    assert flagged["zz_copy"] == "art0001" and len(flagged) == 4
    # The same input errors (the local engine yields them ahead of its pending batch; Ray keeps input order).
    errors_local = sorted(str(x) for x in local if isinstance(x, NarrascopeError))
    errors_ray = [str(x) for x in distributed if isinstance(x, NarrascopeError)]
    assert errors_ray == errors_local and "E007" in errors_ray[0]


def test_failed_article_reported_and_stored_ones_skipped(cluster, tmp_path):
    ids = write_text_tree(tmp_path, 8)
    stored = next(a for a in read_paths([tmp_path]) if a.id == ids[1])
    config = light_config("test_explode", "test_slow", test_explode={"ids": [ids[3]]}, test_slow={"seconds": 0})
    out = list(run_ray([str(tmp_path)], config, skip_ids={ids[0]}, skip_hashes={stored.content_hash}))
    got = {a.id: a for a in out}
    assert set(got) == set(ids) - {ids[0], ids[1]}
    assert any("E103" in w and "test_explode" in w and ids[3] in w for w in got[ids[3]].warnings)
    # The failing stage did not stop the next one, on that article or the others.
    assert all(a.meta["words"] > 20 for a in got.values())
    assert all(not a.warnings for i, a in got.items() if i != ids[3])


def test_worker_killed_mid_run_loses_nothing(cluster, tmp_path):
    ids = write_text_tree(tmp_path, 16)
    config = light_config("test_slow", test_slow={"seconds": 0.4})
    engine = RayEngine(config, max_task_retries=5)
    seen: list[str] = []
    pids: set[int] = set()
    killed = None
    for result in engine.results([str(tmp_path)]):
        assert isinstance(result.item, Article), result.item
        seen.append(result.item.id)
        pids.add(result.worker_pid)
        if killed is None:
            killed = result.worker_pid
            os.kill(killed, signal.SIGKILL)  # the actor dies with a batch in hand, or between batches
    assert sorted(seen) == sorted(ids), "every article exactly once"
    assert seen == ids or sorted(seen) == sorted(ids)
    assert len(pids - {killed}) >= 1


def test_core_imports_without_ray():
    code = ("import sys; sys.modules['ray'] = None\n"
            "import narrascope, narrascope.engine, narrascope.engine.ray_engine, narrascope.cli.analyze\n"
            "from narrascope.engine import run\n"
            "from narrascope.errors import NarrascopeError\n"
            "try:\n    list(run(['x'], {}, engine='ray'))\nexcept NarrascopeError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "E502" in out.stdout and "narrascope[ray]" in out.stdout
