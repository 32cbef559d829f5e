#!/usr/bin/env bash
# System packages the tests use: Chromium + ChromeDriver (browser tests) and a PostgreSQL server.
# Installs them with apt when missing and we are root (CI); otherwise says what to install.
# Under CI (CI=true) a package that is still missing afterwards is an error: the tests that need it
# fail there instead of skipping (tests/shared_data.py), so say so here first.
set -euo pipefail
missing() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  echo "${need[@]:-}"
}
need=($(missing))
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps: chromium, chromedriver, postgresql present"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "system deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null || true
fi
still=($(missing))
if [ ${#still[@]} -eq 0 ]; then
  echo "system deps: chromium, chromedriver, postgresql present"
  exit 0
fi
case "${CI:-}" in
  1|true|TRUE|True|yes|on)
    echo "system deps missing under CI: ${still[*]} — the tests that need them will fail (sudo apt-get install ${still[*]})" >&2
    exit 1 ;;
  *)
    echo "system deps missing: ${still[*]} — install them (sudo apt-get install ${still[*]}); tests that need them will skip (and fail under CI=true)." >&2 ;;
esac
