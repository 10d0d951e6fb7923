#!/usr/bin/env bash
# `make bench` measures with wrk. Install Debian's package when it is missing and we may (root with
# apt-get); otherwise say how, and fail: the bench has no other load tool.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's wrk for the benchmark..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
else
  echo "wrk is not installed and cannot be installed here (need root and apt-get)." >&2
  echo "Install it (apt-get install wrk) to run make bench." >&2
  exit 1
fi
