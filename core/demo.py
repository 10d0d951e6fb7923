"""The demo-data registry. Each app registers a seeder from AppConfig.ready(); `seed_demo` runs them
in order. Seeders must be idempotent and accept `scale` (1 = the normal demo)."""

from collections.abc import Callable
from dataclasses import dataclass

# Every demo login shares this password; `make run` prints it with the logins.
DEMO_PASSWORD = "Tatweer-demo-2026"


@dataclass(frozen=True)
class Seeder:
    key: str
    run: Callable
    order: int


_seeders: dict[str, Seeder] = {}


def register(*, key: str, run: Callable, order: int) -> None:
    _seeders[key] = Seeder(key=key, run=run, order=order)


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.key))
