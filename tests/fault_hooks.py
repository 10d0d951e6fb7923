"""The step hook of the fault tests' Celery worker (TATWEER_TASK_STEP_HOOK in
tests/celery_worker_settings.py). At the step named by TATWEER_FAULT_PAUSE_AT, after skipping the
first TATWEER_FAULT_PAUSE_SKIP of them, it writes the marker file TATWEER_FAULT_MARKER (the process
id and the step's details) and sleeps until the test kills the worker. Once the marker exists it
never pauses again, so the worker started after the kill runs through."""

import json
import os
import time
from pathlib import Path

_seen = 0


def step(name: str, **info) -> None:
    global _seen
    if name != os.environ.get("TATWEER_FAULT_PAUSE_AT"):
        return
    marker = Path(os.environ["TATWEER_FAULT_MARKER"])
    if marker.exists():
        return
    _seen += 1
    if _seen <= int(os.environ.get("TATWEER_FAULT_PAUSE_SKIP", "0")):
        return
    marker.write_text(json.dumps({"pid": os.getpid(), "step": name, **info}))
    time.sleep(300)  # the test kills this process long before
