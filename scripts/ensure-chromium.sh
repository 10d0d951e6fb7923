#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright. Install it when it is missing and we
# may (root with apt-get); otherwise say so: the tests then fail loudly rather than skip in CI.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is not installed and cannot be installed here (need root and apt-get)." >&2
  echo "Install it (apt-get install chromium) to run the browser tests." >&2
fi
