#!/usr/bin/env bash
# Serves the application on http://127.0.0.1:8000. With REDIS_URL set, a Celery worker and beat run
# beside it; without, tasks run in the web process.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -n "${REDIS_URL:-}" ]; then
  .venv/bin/celery -A tatweer worker --loglevel=INFO --concurrency=2 & pids+=($!)
  .venv/bin/celery -A tatweer beat --loglevel=INFO --schedule=.pgdata/celerybeat-schedule & pids+=($!)
  echo "Celery worker and beat started (broker: REDIS_URL)."
else
  echo "No REDIS_URL: background tasks run in the web process."
fi

echo
echo "Tatweer is at http://127.0.0.1:8000/  (Arabic: /ar/, Kurdish: /ckb/). Stop with Ctrl-C."
echo "The demo logins are listed above; e-mails (sign-up confirmations) are printed in this terminal."
echo
$PY manage.py runserver 127.0.0.1:8000
