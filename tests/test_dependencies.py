"""The dependency locks: production pins only what runs the site, development adds the tools, and every
direct dependency of pyproject.toml is pinned and locked at the same version."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"

# Test, type-checking and lint tools (and what only they need): none may reach the production image.
DEV_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "execnet",
    "pluggy",
    "iniconfig",
    "factory-boy",
    "faker",
    "playwright",
    "greenlet",
    "ruff",
    "mypy",
    "mypy-extensions",
    "django-stubs",
    "django-stubs-ext",
    "celery-types",
    "types-openpyxl",
    "djlint",
    "pre-commit",
    "virtualenv",
    "polib",
    "pypdf",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return canonical(re.split(r"[\[=<>!~; ]", requirement, maxsplit=1)[0])


def read_lock(path: Path) -> tuple[dict[str, str], list[str]]:
    """({name: version}, [included files]) of a pip requirements file that pins with `==`."""
    pins: dict[str, str] = {}
    includes = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            includes.append(line[3:].strip())
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert match, f"{path.name}: {raw!r} is not pinned with =="
        name = canonical(match.group(1))
        assert name not in pins, f"{path.name} pins {name} twice"
        pins[name] = match.group(2)
    return pins, includes


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pinned(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]+\])?==([^\s;]+)", requirement.strip())
        assert match, f"pyproject.toml: {requirement!r} is not pinned with =="
        pins[canonical(match.group(1))] = match.group(3)
    return pins


def test_the_production_lock_names_no_test_or_dev_tool():
    production, includes = read_lock(PRODUCTION_LOCK)
    assert includes == []
    assert sorted(DEV_TOOLS & production.keys()) == []


def test_the_dev_lock_builds_on_the_production_lock_and_repeats_none_of_it():
    production, _ = read_lock(PRODUCTION_LOCK)
    development, includes = read_lock(DEV_LOCK)
    assert includes == ["requirements.lock"]
    assert sorted(production.keys() & development.keys()) == []


@pytest.mark.parametrize(("group", "lock"), [("production", PRODUCTION_LOCK), ("dev", DEV_LOCK)])
def test_every_direct_dependency_is_pinned_and_locked_at_the_same_version(group, lock):
    config = pyproject()
    direct = pinned(config["project"]["dependencies"] if group == "production" else config["dependency-groups"]["dev"])
    locked, _ = read_lock(lock)
    mismatched = {name: (version, locked.get(name)) for name, version in direct.items() if locked.get(name) != version}
    assert mismatched == {}, "pyproject.toml version vs lock (None: missing from the lock)"


def test_dev_tools_are_declared_in_the_dev_group_only():
    config = pyproject()
    production = {requirement_name(r) for r in config["project"]["dependencies"]}
    development = {requirement_name(r) for r in config["dependency-groups"]["dev"]}
    assert sorted(DEV_TOOLS & production) == []
    assert {"pytest", "mypy", "ruff", "djlint", "pre-commit"} <= development


def test_the_image_installs_the_production_lock_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    installs = [
        line for line in dockerfile.splitlines() if "pip install" in line or line.startswith("COPY requirements")
    ]
    assert not [line for line in installs if "requirements-dev" in line]


def test_make_installs_the_dev_lock_and_reinstalls_when_either_lock_changes():
    makefile = (ROOT / "Makefile").read_text()
    stamp = next(line for line in makefile.splitlines() if line.startswith("$(VENV)/.installed:"))
    assert stamp.split(":", 1)[1].split() == ["requirements.lock", "requirements-dev.lock"]
    assert "pip install --quiet -r requirements-dev.lock" in makefile
