"""Running wrk and reading its output: requests/s from its summary, p50/p95/p99 from a Lua done() hook
(wrk's --latency table has no p95), errors and non-2xx answers from both."""

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# wrk calls done() once, after the run, with every thread's latency merged (in microseconds).
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "bench-result requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""

_RESULT = re.compile(r"^bench-result (.*)$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_LATENCY_ROW = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # socket errors (connect, read, write, timeout)
    non_2xx: int  # answers outside 2xx/3xx (wrk counts them as status errors)


class WrkOutputError(ValueError):
    pass


def parse(output: str) -> WrkResult:
    """The figures of one wrk run, from its stdout with the bench's Lua script (and --latency)."""
    found = _RESULT.search(output)
    if not found:
        raise WrkOutputError("no bench-result line in wrk's output (was the Lua script loaded?)")
    fields = {key: int(value) for key, value in (pair.split("=") for pair in found.group(1).split())}
    rps_match = _RPS.search(output)
    duration_s = fields["duration_us"] / 1e6
    rps = float(rps_match.group(1)) if rps_match else (fields["requests"] / duration_s if duration_s else 0.0)
    non_2xx = _NON2XX.search(output)
    return WrkResult(
        requests=fields["requests"],
        rps=rps,
        p50_ms=fields["p50_us"] / 1000,
        p95_ms=fields["p95_us"] / 1000,
        p99_ms=fields["p99_us"] / 1000,
        errors=fields["connect"] + fields["read"] + fields["write"] + fields["timeout"],
        non_2xx=int(non_2xx.group(1)) if non_2xx else fields["status"],
    )


def latency_table(output: str) -> dict[int, float]:
    """wrk --latency's distribution, {percentile: milliseconds} (a cross-check of the Lua figures)."""
    return {int(p): float(value) * _UNITS[unit] for p, value, unit in _LATENCY_ROW.findall(output)}


def executable() -> str:
    found = shutil.which("wrk")
    if not found:
        raise FileNotFoundError("wrk is not installed: run scripts/ensure-wrk.sh")
    return found


def run(url: str, *, duration: int, connections: int, threads: int, headers: dict[str, str], timeout: float) -> str:
    """wrk's stdout for `duration` seconds against `url` (loopback only)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the bench measures loopback only, not {url}")
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(LUA)
        command = [executable(), f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
        command += ["--timeout", "10s", "-s", str(script)]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command.append(url)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)  # noqa: S603 wrk, loopback
    return done.stdout
