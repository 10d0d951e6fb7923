"""The goals of issue 16 and the table `make bench` prints (plain text) and writes (Markdown)."""

from dataclasses import dataclass

PUBLIC_RATIO = 0.50  # a public page: at least half the reference's requests/s
AUTHENTICATED_RATIO = 0.25  # a signed-in page: at least a quarter
P95_LIMIT_MS = 150.0  # every page


@dataclass(frozen=True)
class PageResult:
    page: str
    role: str  # "anonymous" for public pages
    rps: float
    p50_ms: float
    p95_ms: float
    queries: int | None
    gzip_bytes: int | None
    reference_rps: float
    errors: int = 0  # socket errors plus non-2xx/3xx answers during the run
    requests: int = 1  # how many finished during the run: none is no measurement
    data_moved: bool = False  # the data version moved during the run (kept values were recomputed)

    @property
    def public(self) -> bool:
        return self.role == "anonymous"

    @property
    def ratio(self) -> float:
        return self.rps / self.reference_rps if self.reference_rps else 0.0


def goal(public: bool) -> str:
    return f">= {PUBLIC_RATIO if public else AUTHENTICATED_RATIO:.2f}, p95 < {P95_LIMIT_MS:.0f} ms"


def verdict(result: PageResult) -> str:
    """ "met", or "not met" with what failed; a run with errors is not a measurement."""
    if not result.requests:
        return "invalid (no request finished: raise DURATION)"
    if result.errors:
        return f"invalid ({result.errors} errors)"
    missed = []
    if result.ratio < (PUBLIC_RATIO if result.public else AUTHENTICATED_RATIO):
        missed.append("ratio")
    if result.p95_ms >= P95_LIMIT_MS:
        missed.append("p95")
    said = "met" if not missed else "not met (" + ", ".join(missed) + ")"
    return said + ("; the data version moved during the run" if result.data_moved else "")


HEADERS = ["page", "role", "req/s", "p50", "p95", "queries", "bytes (gzip)", "ref req/s", "ratio", "goal", "verdict"]


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def cells(result: PageResult) -> list[str]:
    return [
        result.page,
        result.role,
        f"{result.rps:.0f}",
        _ms(result.p50_ms),
        _ms(result.p95_ms),
        "?" if result.queries is None else str(result.queries),
        "?" if result.gzip_bytes is None else f"{result.gzip_bytes:,}",
        f"{result.reference_rps:.0f}",
        f"{result.ratio:.2f}",
        goal(result.public),
        verdict(result),
    ]


def text_table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def markdown_table(rows: list[list[str]], headers: list[str]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass(frozen=True)
class JobResult:
    job: str
    seconds: float
    peak_rss_mb: float
    detail: str  # what it made (rows, pages, bytes) or why it failed
    ok: bool = True


JOB_HEADERS = ["background job", "wall time", "peak RSS", "what it did"]


def job_cells(job: JobResult) -> list[str]:
    return [
        job.job,
        f"{job.seconds:.1f} s",
        f"{job.peak_rss_mb:.0f} MB",
        job.detail if job.ok else "FAILED: " + job.detail,
    ]


def summary(results: list[PageResult]) -> str:
    met = sum(verdict(r).startswith("met") for r in results)
    return f"{met} of {len(results)} pages meet their goal."
