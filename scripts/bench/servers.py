"""The processes the bench starts (gunicorn twice, Redis when none answers), each in its own process
group on 127.0.0.1, and stopped with its whole group however the bench ends."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def redis_answers(port: int = 6379, host: str = HOST) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _command(*args: str) -> str:
    return f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)


def flush_database(port: int, number: int, host: str = HOST) -> None:
    """Empties one numbered Redis database (the bench's own), over the wire protocol."""
    with socket.create_connection((host, port), timeout=2) as connection:
        connection.sendall((_command("SELECT", str(number)) + _command("FLUSHDB")).encode())
        deadline = time.monotonic() + 2
        received = b""
        while received.count(b"\r\n") < 2 and time.monotonic() < deadline:
            received += connection.recv(64)


@dataclass
class Processes:
    """Every process started, stopped in reverse order by stop_all() (called from a finally)."""

    started: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    log_dir: Path | None = None

    def start(self, name: str, command: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb") if self.log_dir else subprocess.DEVNULL  # noqa: SIM115 closed with the process
        process = subprocess.Popen(  # noqa: S603 our own commands
            command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process))
        return process

    def start_to(self, name: str, command: list[str], *, env: dict[str, str], stdout, stderr) -> subprocess.Popen:
        """A child whose output the caller reads (a background job), stopped like the others if need be."""
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr, start_new_session=True)  # noqa: S603 ours
        self.started.append((name, process))
        return process

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            _stop_group(process)
        self.started.clear()


def _stop_group(process: subprocess.Popen, grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # the group: gunicorn's workers too
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def start_redis(processes: Processes) -> int:
    """A throw-away Redis on a free loopback port (no persistence), for machines without one."""
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("production settings need Redis (REDIS_URL) and no redis-server is installed")
    port = free_port()
    command = [binary, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no"]
    processes.start("redis", command, env=dict(os.environ), cwd=Path.cwd())
    deadline = time.monotonic() + 10
    while not redis_answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError("the bench's Redis did not start")
        time.sleep(0.1)
    return port


def gunicorn_command(base_dir: Path, app: str, port: int, workers: int, *, chdir: Path | None = None) -> list[str]:
    command = [str(base_dir / ".venv" / "bin" / "gunicorn"), app, "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--timeout", "60", "--graceful-timeout", "5"]
    command += (
        ["--access-logfile", "-", "--access-logformat", "%(s)s %(r)s %(L)ss"]
        if os.environ.get("BENCH_ACCESS_LOG")
        else []
    )
    if chdir:
        command += ["--chdir", str(chdir)]
    return command


def wait_until_serving(process: subprocess.Popen, url: str, *, timeout: float, name: str) -> None:
    """Polls `url` until it answers 200 (or any HTTP answer below 500), or fails with the log's hint."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode} (see its log)")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 loopback http only
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer {url} within {timeout:.0f} s")
