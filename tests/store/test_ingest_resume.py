"""``narrascope ingest``: stores as it goes, skips what is stored, and survives kill -9."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from narrascope.cli import main
from narrascope.store import Store
from narrascope.store.models import ArticleRow

LIGHT = "language,clean,attribution"


def write_articles(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    places = ["Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Poltava"]
    for i in range(n):
        place = places[i % len(places)]
        (folder / f"story{i:02d}.txt").write_text(
            f"Officials in {place} report new damage, update {i}\n\n"
            f"Officials in {place} said on day {i} that {i + 2} buildings had been damaged overnight.\n\n"
            f"The regional governor, Maria Kovalenko, told Radio North, \"We are repairing the lines as fast as we can.\"\n\n"
            f"Two people familiar with the matter said repairs in district {i * 7 + 3} would reportedly take {i % 5 + 2} weeks.\n",
            encoding="utf-8")
    return [f"story{i:02d}" for i in range(n)]


def stored_ids(url: str) -> list[str]:
    st = Store(url)
    with st.Session() as s:
        ids = list(s.scalars(select(ArticleRow.article_id).order_by(ArticleRow.article_id)))
    st.close()
    return ids


def test_ingest_folder_with_a_bad_file_then_rerun_and_change(tmp_path, capsys):
    ids = write_articles(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_text("")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert main(["ingest", str(tmp_path / "in"), "--db", url, "--only", LIGHT, "--no-claims", "-q"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err and "E001" in err and "4 stored" in err
    assert stored_ids(url) == ids
    st = Store(url)
    art = st.get_article("story01")
    assert art.language == "en" and art.title.startswith("Officials in Odesa")
    assert any(q.speaker and "Kovalenko" in q.speaker for q in art.quotes)
    assert any(q.anonymous for q in art.quotes)
    st.close()
    # Same input again: nothing re-analysed or stored.
    (tmp_path / "in" / "empty.txt").unlink()
    assert main(["ingest", str(tmp_path / "in"), "--db", url, "--only", LIGHT, "--no-claims", "-q"]) == 0
    assert "0 stored, 0 new versions, 0 new appearances of stored text, 0 with corrected metadata, 4 already stored" in capsys.readouterr().err
    # One article corrected: a new version; the rest untouched.
    p = tmp_path / "in" / "story02.txt"
    p.write_text(p.read_text().replace("buildings", "homes"))
    assert main(["ingest", str(tmp_path / "in"), "--db", url, "--only", LIGHT, "--no-claims", "-q"]) == 0
    assert "0 stored, 1 new versions, 0 new appearances of stored text, 0 with corrected metadata, 3 already stored" in capsys.readouterr().err
    st = Store(url)
    assert [v["version"] for v in st.versions("story02")] == [1, 2] and "homes" in st.get_article("story02").text
    assert st.count() == 4 and len(st.runs()) == 3
    st.close()


SLOW_PLUGIN = textwrap.dedent('''
    """A component that takes time and logs what it analysed (for the kill -9 test)."""
    import os, time
    from narrascope.registry import component

    @component("slow_log")
    def make(config):
        def run(article):
            time.sleep(0.12)
            with open(os.environ["SLOW_LOG"], "a") as f:
                f.write(article.id + "\\n")
            return article
        return run
''')


def kill_when_stored(cmd: list[str], env: dict, url: str, db_file: Path, at_least: int, deadline_s: float) -> list[str]:
    """Start ``cmd`` (an ingest), kill -9 it once ``at_least`` article rows are committed, and return the
    ids stored at that moment; the killed run must show what it stored, not "stored 0"."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = None
    deadline = time.monotonic() + deadline_s
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if not url.startswith("sqlite") or db_file.exists():
                engine = engine or Store(url, migrate=False).engine
                try:
                    with engine.connect() as conn:
                        stored = conn.execute(select(func.count()).select_from(ArticleRow.__table__)).scalar()
                except Exception:  # noqa: BLE001 - tables not created yet
                    stored = 0
                if stored >= at_least:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed: " + proc.stderr.read().decode()[-2000:]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        if engine is not None:
            engine.dispose()
    assert proc.returncode == -signal.SIGKILL
    after_kill = stored_ids(url)
    assert len(after_kill) >= at_least
    st = Store(url)
    (run,) = st.runs()
    assert run["status"] == "unfinished" and run["finished_at"] is None and run["stored"] == len(after_kill)
    st.close()
    return after_kill


def resume(cmd: list[str], env: dict, url: str, ids: list[str], timeout: float) -> None:
    """Run ``cmd`` again: it finishes, and every article is stored once (nothing lost, nothing twice)."""
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    assert stored_ids(url) == ids
    st = Store(url)
    assert st.count(latest_only=False) == len(ids) and all(len(st.versions(i)) == 1 for i in ids)
    assert [r["status"] for r in st.runs()] == ["finished", "unfinished"]
    st.close()


@pytest.mark.slow
def test_kill_minus_9_half_way_then_resume_loses_and_duplicates_nothing(tmp_path, db_url):
    """SQLite and PostgreSQL, a slow logging stage: the resumed run analyses exactly the missing articles."""
    ids = write_articles(tmp_path / "in", 30)
    (tmp_path / "plugin").mkdir()
    (tmp_path / "plugin" / "slow_plugin.py").write_text(SLOW_PLUGIN)
    (tmp_path / "light.toml").write_text('[pipeline]\ncomponents = ["language", "clean", "slow_log"]\n')
    log = tmp_path / "analysed.log"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "plugin"), "SLOW_LOG": str(log), "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-c", "import sys, slow_plugin; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))",
           "ingest", str(tmp_path / "in"), "--db", db_url, "--config", str(tmp_path / "light.toml"), "--no-claims", "-q"]
    after_kill = kill_when_stored(cmd, env, db_url, tmp_path / "corpus.db", 10, 120)
    assert len(after_kill) < 30
    first_pass = set(log.read_text().split())
    log.write_text("")
    resume(cmd, env, db_url, ids, 300)
    second_pass = set(log.read_text().split())
    assert second_pass == set(ids) - set(after_kill)  # exactly the missing articles are analysed again
    assert first_pass | second_pass == set(ids)


@pytest.mark.slow
def test_kill_minus_9_with_all_stages_then_resume(tmp_path):
    """The default six-stage pipeline (no --only) and claim grouping on: kill -9 after the first batch of
    eight is stored, resume, and every article is there once, fully analysed, quotes embedded and grouped."""
    from narrascope.pipeline import load_config
    from narrascope.store.models import QuoteRow

    ids = write_articles(tmp_path / "in", 12)
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-c", "import sys; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))",
           "ingest", str(tmp_path / "in"), "--db", url, "-q"]
    after_kill = kill_when_stored(cmd, env, url, tmp_path / "corpus.db", 8, 400)
    assert len(after_kill) < 12
    resume(cmd, env, url, ids, 600)
    stages = load_config()["pipeline"]["components"]
    assert len(stages) == 6
    st = Store(url)
    for aid in ids:
        art = st.get_article(aid)
        assert set(stages) <= set(art.timings), (aid, art.timings)  # every stage ran on every article
        assert art.language == "en" and art.quotes and art.entities and (art.narratives or art.subnarratives)
    with st.Session() as s:
        rows = s.execute(select(QuoteRow.text, QuoteRow.embedding_model, QuoteRow.claim_id)).all()
    long_quotes = [r for r in rows if len(r.text.split()) >= 4]
    assert long_quotes and all(r.embedding_model == "use-m" and r.claim_id is not None for r in long_quotes)
    st.close()
