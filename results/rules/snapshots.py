"""The content hash of a report's figures: SHA-256 of their canonical JSON (keys sorted, no spaces,
UTF-8), so anyone holding the figures can check that they are what was approved."""

import hashlib
import json
from typing import Any


def canonical(figures: dict[str, Any]) -> bytes:
    return json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(figures: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(figures)).hexdigest()


def differences(reported: dict[str, Any], live: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """(indicator code, value reported, value now) of every indicator whose value for the period
    differs between a snapshot and a fresh computation of the same period."""
    now = {row["code"]: row["value"] for row in live.get("indicators", [])}
    return [
        (row["code"], row["value"], now[row["code"]])
        for row in reported.get("indicators", [])
        if row["code"] in now and row["value"] != now[row["code"]]
    ]
