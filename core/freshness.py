"""Caching what is the same for many readers, and never serving it after the data changed.

A cached value is stored under the database's *data version*: PostgreSQL's WAL insert position
(`pg_current_wal_insert_lsn()`), which moves with every write to a logged table, whoever makes it (a
page, a Celery task, a management command, a bulk `update()`, a trigger, psql), and as soon as the
write is made, before its commit (the commit moves it again). A value computed before a write is
therefore never read after it: the key it was stored under is no longer asked for. Nothing has to
remember to invalidate, and nothing waits for a timeout to pass.

The position also moves for things that change no data (vacuum, checkpoints, the first read of rows
just written when it prunes them, and writes to the other databases of the same PostgreSQL server),
which costs a recomputation, never a stale page. The price of reading it is one trivial query per
use. (A transaction snapshot would not move on reads, but neither on a second write of the same
transaction, so a value could outlive a change: the WAL position is the safe side.)

Values must be picklable and the same for everyone whose key is the same: the key names what the
value depends on (language, role, period...), and personal data never goes in a shared value.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")

# Long enough to be useful between writes, short enough that abandoned versions leave the cache.
TIMEOUT = 60 * 60
_MISSING = object()


def keeps() -> bool:
    """False on the database cache (no Redis): storing a value there is a write, which moves the
    data version, so nothing kept would ever be read again."""
    return not isinstance(caches["default"], DatabaseCache)


def data_version() -> str:
    """The database's WAL insert position, e.g. '0/1A2B3C4D'."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return cursor.fetchone()[0]


def this_minute() -> str:
    """For keys of what follows the clock too ("today", "in 3 days", "5 minutes ago")."""
    return timezone.now().strftime("%Y%m%d%H%M")


def version_of(request) -> str:
    """The data version read once per request, for the several values one page keeps."""
    version = getattr(request, "_tatweer_data_version", None)
    if version is None:
        version = data_version()
        request._tatweer_data_version = version
    return version


def key_for(namespace: str, parts: tuple[Any, ...], version: str) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"fresh:{namespace}:{version}:{digest}"


def cached(
    namespace: str,
    parts: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    timeout: int = TIMEOUT,
    version: str | None = None,
) -> T:
    """compute(), or what it returned for the same `parts` since the data last changed.

    `version`: the data version the caller read once for several values of the same request."""
    if not keeps():
        return compute()
    key = key_for(namespace, parts, version if version is not None else data_version())
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(key, value, timeout)
    return value


def cached_today(request, namespace: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """cached() for a page's figures, which also depend on the date (what is overdue, "at today")
    and the language (labels translated while computing), reading the data version once per request."""
    return cached(namespace, (*parts, get_language(), timezone.localdate()), compute, version=version_of(request))
