"""The parts of `make bench` (scripts/bench.py) that need no server: reading wrk's output, the goal
verdict, the tables, the TOTP codes and the page selection. No process is started here."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench import login, pages, report, wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:41234/en/
  2 threads and 20 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   210.12ms   40.02ms 600.00ms   75.00%
    Req/Sec    47.10     12.00    80.00     70.00%
  Latency Distribution
     50%  209.23ms
     75%  230.00ms
     90%  260.00ms
     99%    1.20s
  940 requests in 10.02s, 9.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     93.81
Transfer/sec:      0.91MB
bench-result requests=940 duration_us=10020000 p50_us=209230 p95_us=301500 p99_us=1200000 connect=0 read=1 write=0 status=3 timeout=2
"""


def test_wrk_output_gives_requests_per_second_percentiles_and_errors():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 940
    assert result.rps == pytest.approx(93.81)
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == pytest.approx((209.23, 301.5, 1200.0))
    assert result.errors == 3  # one read error, two timeouts
    assert result.non_2xx == 3


def test_wrk_latency_table_reads_every_unit():
    assert wrk.latency_table(WRK_OUTPUT) == pytest.approx({50: 209.23, 75: 230.0, 90: 260.0, 99: 1200.0})


def test_wrk_output_without_the_lua_line_is_refused():
    with pytest.raises(wrk.WrkOutputError):
        wrk.parse(WRK_OUTPUT.split("bench-result")[0])


def test_wrk_only_measures_loopback():
    with pytest.raises(ValueError, match="loopback"):
        wrk.run("http://example.org/", duration=1, connections=1, threads=1, headers={}, timeout=5)


def result(role="anonymous", rps=300.0, p95=100.0, reference=500.0, **extra) -> report.PageResult:
    return report.PageResult("page", role, rps, 50.0, p95, 10, 5000, reference, **extra)


@pytest.mark.parametrize(
    ("role", "rps", "p95", "expected"),
    [
        ("anonymous", 250.0, 149.9, "met"),  # exactly half the reference
        ("anonymous", 249.0, 100.0, "not met (ratio)"),
        ("admin", 125.0, 100.0, "met"),  # a quarter is enough when signed in
        ("admin", 124.0, 150.0, "not met (ratio, p95)"),
        ("donor", 400.0, 150.0, "not met (p95)"),
    ],
)
def test_the_verdict_follows_the_issues_goals(role, rps, p95, expected):
    assert report.verdict(result(role, rps, p95)) == expected


def test_a_run_with_errors_or_no_finished_request_is_no_measurement():
    assert report.verdict(result(errors=2)) == "invalid (2 errors)"
    assert report.verdict(result(requests=0)).startswith("invalid (no request finished")
    assert result(reference=0.0).ratio == 0.0


def test_a_run_during_which_the_data_changed_says_so():
    moved = report.verdict(result(data_moved=True))
    assert moved == "met; the data version moved during the run"
    assert report.summary([result(data_moved=True), result("admin", 20.0)]) == "1 of 2 pages meet their goal."


def test_tables_show_one_row_per_page_with_the_goal():
    rows = [report.cells(result()), report.cells(result("admin", 20.0, 1500.0))]
    text = report.text_table(rows, report.HEADERS)
    assert text.splitlines()[0].split()[:3] == ["page", "role", "req/s"]
    assert "1.50 s" in text and ">= 0.25, p95 < 150 ms" in text
    markdown = report.markdown_table(rows, report.HEADERS)
    assert markdown.count("\n") == 3 and markdown.startswith("| page | role |")
    assert report.summary([result(), result("admin", 20.0)]) == "1 of 2 pages meet their goal."


def test_totp_matches_rfc_6238():
    # RFC 6238, appendix B, SHA-1: the secret "12345678901234567890" in base32, at 59 s.
    assert login.totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59, digits=8) == "94287082"
    assert login.totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=1111111109, digits=8) == "07081804"


def test_page_selection_and_every_role_has_a_login():
    assert {p.role for p in pages.PAGES} - {"anonymous"} <= set(pages.LOGINS)
    chosen = pages.select(pages.PAGES, "dashboard (cso), audit")
    assert [(p.name, p.role) for p in chosen] == [("dashboard", "cso"), ("audit trail", "admin")]
    assert pages.select(pages.PAGES, "") == pages.PAGES
