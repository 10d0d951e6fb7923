"""`make test` runs every test: none may skip itself, whatever the machine or its environment
(a missing service or browser makes the test fail and say what to install or start)."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SKIPPING = re.compile(r"pytest\.skip\(|mark\.skip\b|mark\.skipif\b|importorskip\(")


def suite_files():
    """Every Python file under the suite's testpaths that belongs to the tests, and the root conftest."""
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    for folder in testpaths:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "tests" in path.relative_to(ROOT).parts or path.name.startswith(("test_", "conftest")):
                yield path
    yield ROOT / "conftest.py"


def test_no_test_skips_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in suite_files()
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SKIPPING.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "source", ["pytest.skip('x')", "@pytest.mark.skipif(True, reason='')", "pytest.importorskip('x')"]
)
def test_the_check_recognises_a_skip(source):
    assert SKIPPING.search(source)
