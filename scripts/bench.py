#!/usr/bin/env python
"""`make bench`: the application as production runs it, measured page by page against a reference.

Builds (or reuses) the `tatweer_bench` database at --scale N, collects the static files into a temporary
folder, starts gunicorn with the production settings and a one-file Django "fortunes" reference on
free loopback ports, signs in as each role through the login form (with a real TOTP code for staff),
then for each page measures the reference and the page with wrk, counts its queries in-process and
its gzip size, and prints the table (also written to docs/benchmarks/latest.md). Then the big background
jobs, each in a child process: wall time and peak RSS. Everything started is stopped on the way out,
on errors, Ctrl-C and the global timeout alike. Details: README.md, "Performance".
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import database, login, pages, report, servers, wrk

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "scripts" / "bench"
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
TOTP_SECRET = "JBSWY3DPEHPK3PXPBENCHTATWEERBENC"  # noqa: S105 the bench database\'s staff authenticators only
JOBS = ["indicators", "report", "attendance", "certificates"]
JOB_TITLES = {
    "indicators": "full indicators export (XLSX)",
    "report": "donor progress report (PDF)",
    "attendance": "attendance rows to XLSX",
    "certificates": "certificates, one event",
}


def say(message: str = "") -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class BenchTimeout(Exception):
    pass


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (default 10)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page and per reference run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each measured run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers, for both servers")
    parser.add_argument("--only", default="", help='comma-separated words: pages whose "name (role)" matches')
    parser.add_argument("--skip-jobs", action="store_true", help="measure the pages only")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="no wrk: time each page in-process (SQL share, slowest statements, cProfile) and stop",
    )
    parser.add_argument("--repeat", type=int, default=20, help="requests per page with --profile")
    parser.add_argument("--timeout", type=int, default=0, help="global limit in seconds (default: from the plan)")
    parser.add_argument("--output", default=str(BASE_DIR / "docs" / "benchmarks" / "latest.md"))
    return parser.parse_args()


def server_env(db: database.BenchDatabase, redis_url: str, folder: Path) -> dict[str, str]:
    """production.py's environment for a loopback run over plain HTTP; no production default is changed."""
    env = database.manage_env(db, dict(os.environ), settings="bench_settings")
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(BASE_DIR)]),
            "BENCH_STATIC_ROOT": str(folder / "static"),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": servers.HOST,
            "REDIS_URL": redis_url,
            "TATWEER_TRUSTED_PROXY_COUNT": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback: no redirect to https
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_DEBUG": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("TATWEER_REQUIRE_STAFF_MFA", None)  # production requires staff MFA whatever it says
    return env


def child_json(script: str, mode: str, payload: dict, env: dict[str, str], timeout: float) -> dict:
    command = [PYTHON, str(BENCH_DIR / script), mode]
    done = subprocess.run(  # noqa: S603 our own helper
        command, input=json.dumps(payload), capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def redis_for_bench(processes: servers.Processes) -> tuple[str, str]:
    if servers.redis_answers(6379):
        servers.flush_database(6379, 12)
        return (
            "redis://127.0.0.1:6379/12",
            "the machine's Redis on 127.0.0.1:6379, database 12 (the bench's, emptied first)",
        )
    port = servers.start_redis(processes)
    return f"redis://127.0.0.1:{port}/0", f"a Redis started for the bench on 127.0.0.1:{port}"


def measure(url: str, args: argparse.Namespace, headers: dict[str, str]) -> wrk.WrkResult:
    limit = args.duration + args.warmup + 30
    if args.warmup:
        wrk.run(
            url,
            duration=args.warmup,
            connections=args.connections,
            threads=args.threads,
            headers=headers,
            timeout=limit,
        )
    output = wrk.run(
        url, duration=args.duration, connections=args.connections, threads=args.threads, headers=headers, timeout=limit
    )
    return wrk.parse(output)


def measure_pages(
    chosen: list[pages.Page], ports: tuple[int, int], args, env, plan, db: database.BenchDatabase
) -> list[report.PageResult]:
    app_port = ports[0]
    roles = sorted({p.role for p in chosen} - {"anonymous"})
    browsers = {"anonymous": login.Browser(servers.HOST, app_port)}
    for role in roles:
        browsers[role] = login.sign_in(servers.HOST, app_port, pages.LOGINS[role], pages.PASSWORD, TOTP_SECRET)
        say(f"  signed in as {role} ({pages.LOGINS[role]})")
    payload = {"pages": [{"key": i, "role": p.role, "path": p.path} for i, p in enumerate(chosen)], **plan}
    counted = child_json("inprocess.py", "count", payload, env, timeout=600)
    results = []
    for index, page in enumerate(chosen):
        try:
            results.append(measure_page(page, browsers[page.role], counted.get(str(index), {}), ports, args, db))
        except (OSError, subprocess.SubprocessError, wrk.WrkOutputError) as error:  # one page, not the run
            say(f"  {page.name} ({page.role}) {page.path}: not measured: {type(error).__name__}: {error}")
            results.append(report.PageResult(page.name, page.role, 0, 0, 0, None, None, 0, errors=1, requests=0))
        drain(ports[0])
    return results


def drain(app_port: int) -> None:
    """Waits until the application has answered what wrk left queued (gunicorn goes on with the
    requests of connections wrk closed), so that the next measurement starts on an idle server."""
    login.Browser(servers.HOST, app_port, timeout=180).request("GET", "/healthz")


def measure_page(
    page: pages.Page, browser: login.Browser, info: dict, ports: tuple[int, int], args, db: database.BenchDatabase
) -> report.PageResult:
    app_port, reference_port = ports
    status, size, compressed = login.gzip_size(browser, page.path)  # also checks the session still works
    cookie = login.cookie_header(browser)
    headers = {"Cookie": cookie} if cookie else {}
    ref = measure(f"http://{servers.HOST}:{reference_port}/fortunes", args, {})
    before = database.data_version(db)
    measured = measure(f"http://{servers.HOST}:{app_port}{page.path}", args, headers)
    moved = database.data_version(db) != before  # a page that writes, or another client of the server
    wrong = (status != 200) + (info.get("status") != 200)
    result = report.PageResult(
        page=page.name,
        role=page.role,
        rps=measured.rps,
        p50_ms=measured.p50_ms,
        p95_ms=measured.p95_ms,
        queries=info.get("queries"),
        gzip_bytes=size,
        reference_rps=ref.rps,
        errors=measured.errors + measured.non_2xx + wrong,
        requests=measured.requests,
        data_moved=moved,
    )
    note = "" if compressed else " (sent uncompressed)"
    say(
        f"  {page.name} ({page.role}) {page.path}: {measured.rps:.0f} req/s, ref {ref.rps:.0f}, "
        f"ratio {result.ratio:.2f}, p95 {measured.p95_ms:.0f} ms, {size:,} B{note} -> {report.verdict(result)}"
    )
    return result


def run_job(name: str, env: dict[str, str], processes: servers.Processes, timeout: float) -> report.JobResult:
    """One job in a child process; its own peak RSS comes from wait4() (ru_maxrss, in KiB on Linux)."""
    title = JOB_TITLES[name]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = processes.start_to(
            name, [PYTHON, str(BENCH_DIR / "jobrunner.py"), name], env=env, stdout=out, stderr=err
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -9
                return report.JobResult(title, time.monotonic() - started, 0, f"killed after {timeout:.0f} s", ok=False)
            time.sleep(0.1)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak_mb = usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        lines = out.read().decode().strip().splitlines()
        if process.returncode != 0 or not lines:
            failure = err.read().decode()[-400:]
            return report.JobResult(title, time.monotonic() - started, peak_mb, failure, ok=False)
    answer = json.loads(lines[-1])
    detail = f"{answer['detail']}; {answer['baseline_mb']:.0f} MB after Django's set-up"
    return report.JobResult(title, answer["seconds"], peak_mb, detail, ok=answer["ok"])


def print_profiles(chosen: list[pages.Page], plan: dict, env: dict[str, str], args) -> None:
    """--profile: where each page's time goes, in-process (no network, no gunicorn), for the person
    about to optimise it. Nothing is written to docs/."""
    payload = {"pages": [{"key": i, "role": p.role, "path": p.path} for i, p in enumerate(chosen)], **plan}
    payload["repeat"] = args.repeat
    profiled = child_json("inprocess.py", "profile", payload, env, timeout=1800)
    for index, page in enumerate(chosen):
        info = profiled[str(index)]
        say(
            f"\n== {page.name} ({page.role}) {page.path}: status {info['status']}, {info['ms']:.1f} ms per request, "
            f"{info['sql_ms']:.1f} ms of it in {info['queries']:.0f} queries; cookies set: {', '.join(info['cookies']) or 'none'}"
        )
        for ms, times, sql in info["slowest_sql"]:
            say(f"   {ms:7.1f} ms x{times:.0f}  {sql}")
        say(info["profile"])


def write_markdown(path: Path, header: str, results: list[report.PageResult], jobs: list[report.JobResult]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [
        "# Latest `make bench`",
        "",
        header,
        "",
        report.markdown_table([report.cells(r) for r in results], report.HEADERS),
    ]
    parts += ["", report.summary(results), ""]
    if jobs:
        parts += [report.markdown_table([report.job_cells(j) for j in jobs], report.JOB_HEADERS), ""]
    path.write_text("\n".join(parts))


def main() -> int:
    args = arguments()
    chosen = pages.select(pages.PAGES, args.only)
    budget = args.timeout or 1800 + len(chosen) * 2 * (args.duration + args.warmup + 5) + (
        0 if args.skip_jobs else 1800
    )
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(BenchTimeout(f"global timeout of {budget} s")))
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    signal.alarm(budget)
    started = time.monotonic()
    wrk.executable()
    processes = servers.Processes()
    folder = Path(tempfile.mkdtemp(prefix="tatweer-bench-"))
    processes.log_dir = folder
    try:
        db = database.locate(dict(os.environ))
        seeded = database.prepare(db, args.scale, dict(os.environ), say)
        database.ensure_fortunes(db)
        redis_url, redis_note = redis_for_bench(processes)
        env = server_env(db, redis_url, folder)
        (folder / "private").mkdir()
        say(f"Database: {db.where}. Cache and broker: {redis_note}.")
        database.manage(["collectstatic", "--noinput", "-v", "0"], env)
        plan = {"logins": pages.LOGINS, "totp_secret": TOTP_SECRET, "staff_centre": "mosul"}
        prepared = child_json("inprocess.py", "prepare", plan, env, timeout=300)
        chosen = [pages.Page(p.name, p.role, p.path.format(**prepared["values"])) for p in chosen]
        if args.profile:
            print_profiles(chosen, plan, env, args)
            return 0
        say(
            f"Staff sign in with two-factor authentication (authenticators set in the bench database for "
            f"{len(prepared['mfa'])} logins); production settings, DEBUG off, {args.workers} gunicorn workers."
        )
        app_port, reference_port = servers.free_port(), servers.free_port()
        app = processes.start(
            "app",
            servers.gunicorn_command(BASE_DIR, "tatweer.wsgi:application", app_port, args.workers),
            env=env,
            cwd=BASE_DIR,
        )
        ref_env = {**env, "BENCH_REFERENCE_DATABASE_URL": db.url}
        reference = processes.start(
            "reference",
            servers.gunicorn_command(BASE_DIR, "reference:application", reference_port, args.workers, chdir=BENCH_DIR),
            env=ref_env,
            cwd=BENCH_DIR,
        )
        servers.wait_until_serving(app, f"http://{servers.HOST}:{app_port}/healthz", timeout=60, name="the application")
        servers.wait_until_serving(
            reference, f"http://{servers.HOST}:{reference_port}/fortunes", timeout=60, name="the reference"
        )
        say(
            f"Application on http://{servers.HOST}:{app_port}/, reference on http://{servers.HOST}:{reference_port}/fortunes "
            f"(logs in {folder}). {len(chosen)} pages, {args.duration} s each after {args.warmup} s of warm-up, "
            f"-c{args.connections} -t{args.threads}."
        )
        results = measure_pages(chosen, (app_port, reference_port), args, env, plan, db)
        processes.stop_all()  # the jobs get the machine to themselves
        header = (
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at `--scale {args.scale}`, {args.duration} s per page "
            f"and per reference run (after {args.warmup} s of warm-up), wrk -t{args.threads} -c{args.connections}, "
            f"gunicorn {args.workers} sync workers, production settings, {os.cpu_count()} CPUs."
        )
        say("\n" + header + "\n")
        say(report.text_table([report.cells(r) for r in results], report.HEADERS))
        say(report.summary(results))
        jobs: list[report.JobResult] = []
        if not args.skip_jobs:
            say("\nBackground jobs (each in a child process, as the Celery worker runs it):")
            for name in JOBS:
                jobs.append(run_job(name, env, processes, timeout=900))
                say("  " + " | ".join(report.job_cells(jobs[-1])))
        if not args.only:
            write_markdown(Path(args.output), header, results, jobs)
            say(f"\nWritten to {args.output}.")
        took = time.monotonic() - started
        say(
            f"The bench took {took / 60:.1f} min"
            + (f" (building the database: {seeded / 60:.1f} min)." if seeded else ".")
        )
        return 0
    except (BenchTimeout, KeyboardInterrupt) as stop:
        say(f"\nStopped: {str(stop) or 'interrupted'}. Stopping what the bench started.")
        return 130
    finally:
        signal.alarm(0)
        processes.stop_all()
        subprocess.run(["rm", "-rf", str(folder)], check=False)  # noqa: S603, S607


if __name__ == "__main__":
    sys.exit(main())
