#!/usr/bin/env bash
# System packages the tests use: Chromium + ChromeDriver (browser tests) and a PostgreSQL server.
# Installs them with apt when missing and we are root (CI); otherwise says what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps: chromium, chromedriver, postgresql present"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "system deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
else
  echo "system deps missing: ${need[*]} — install them (sudo apt-get install ${need[*]}); tests that need them will skip." >&2
fi
