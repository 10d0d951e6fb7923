"""The production settings, unchanged but for one path: the static files collected for this run into a
temporary folder (BENCH_STATIC_ROOT), since STATIC_ROOT is not read from the environment. Everything
else a loopback run needs is given to production.py through its own environment variables."""

import os

from tatweer.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
