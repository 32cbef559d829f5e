"""Under CI (``CI=true``) a test whose PostgreSQL, Chromium, Ray or ../shared is missing fails; locally it skips."""
import os
import subprocess
import sys
import textwrap

from shared_data import ROOT

PROBE = textwrap.dedent('''
    from shared_data import missing, need_module, shared_path

    def test_data():
        shared_path("no-such-folder-for-this-test")

    def test_module():
        need_module("no_such_module_for_this_test")

    def test_service():
        missing("the service is not there")
''')


def run_pytest(args, ci: bool, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_helpers_skip_locally_and_fail_under_ci(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    local = run_pytest([str(probe), "--rootdir", str(tmp_path), "-o", f"pythonpath={ROOT / 'tests'}"], ci=False)
    assert local.returncode == 0 and "3 skipped" in local.stdout, local.stdout[-2000:]
    ci = run_pytest([str(probe), "--rootdir", str(tmp_path), "-o", f"pythonpath={ROOT / 'tests'}"], ci=True)
    assert ci.returncode == 1 and "3 failed" in ci.stdout, ci.stdout[-2000:]
    assert "CI=true and a test's need is missing" in ci.stdout


def test_a_postgresql_test_fails_under_ci_when_the_server_cannot_start():
    target = "tests/store/test_store.py::test_every_field_round_trips"
    env = {"NARRASCOPE_PG_BINDIR": "/nonexistent/pg/bin", "PATH": "/usr/bin:/bin"}
    local = run_pytest([target, "-rs"], ci=False, extra_env=env)
    assert local.returncode == 0 and "1 passed, 1 skipped" in local.stdout, local.stdout[-2000:]
    ci = run_pytest([target], ci=True, extra_env=env)
    assert ci.returncode == 1 and "PostgreSQL" in ci.stdout and "1 passed" in ci.stdout, ci.stdout[-2000:]


def test_a_ray_test_fails_under_ci_when_ray_cannot_be_imported(tmp_path):
    # A stand-in ``ray`` package that cannot be imported, ahead of the real one on the path.
    (tmp_path / "ray").mkdir()
    (tmp_path / "ray" / "__init__.py").write_text('raise ImportError("ray hidden for this test")\n')
    env = {"PYTHONPATH": str(tmp_path)}
    target = "tests/engine/test_ray_engine.py"
    local = run_pytest([target, "-rs"], ci=False, extra_env=env)
    # (a module-level skip: pytest exits 5, "no tests ran", and reports the module skipped)
    assert local.returncode in (0, 5) and "1 skipped" in local.stdout and "Ray is an optional extra" in local.stdout, local.stdout[-2000:]
    ci = run_pytest([target], ci=True, extra_env=env)
    assert ci.returncode != 0 and "CI=true and a test's need is missing" in ci.stdout, ci.stdout[-2000:]


def test_a_shared_data_test_fails_under_ci_when_the_folder_is_absent(tmp_path):
    env = {"NARRASCOPE_SHARED": str(tmp_path / "no-shared-here")}
    target = "tests/ingest/test_semeval_shared.py"
    local = run_pytest([target, "-rs"], ci=False, extra_env=env)
    assert local.returncode == 0 and "3 skipped" in local.stdout and "no-shared-here" in local.stdout, local.stdout[-2000:]
    ci = run_pytest([target], ci=True, extra_env=env)
    assert ci.returncode == 1 and "3 failed" in ci.stdout and "CI=true and a test's need is missing" in ci.stdout, ci.stdout[-2000:]
