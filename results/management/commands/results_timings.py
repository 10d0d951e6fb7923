"""Measures the results framework on the database as it is (e.g. after `seed_demo --scale 10`, with
DEBUG off): the indicator table of each period, the dashboard's figures, and the report's files (the
PDF, the Word file) and the logframe workbook of the current period.
A measurement, not a test: timed tests are flaky on shared machines; the goals (table < 1 s, PDF of a
full report < 15 s) are read from this output."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from results import display, documents
from results.models import ProgressReport
from results.selectors import TableContext, current_period, indicator_table, programme_logframe


class Command(BaseCommand):
    help = "Times the indicator table, the dashboard and the report's files on this database."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement; the best is shown.")

    def _time(self, label, call, repeat):
        best, queries = float("inf"), 0
        for _run in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                call()
                elapsed = time.perf_counter() - start
            best = min(best, elapsed)
            queries = len(captured)
        self.stdout.write(f"{label:<48} {best * 1000:9.1f} ms  {queries:4d} queries")

    def handle(self, *args, repeat, **options):
        logframe = programme_logframe()
        if logframe is None:
            raise CommandError("No logframe: run seed_demo first.")
        period = current_period(logframe)
        if period is None:
            raise CommandError("The logframe has no periods.")
        for p in logframe.periods.order_by("number"):
            self._time(
                f"indicator table, period {p.number}",
                lambda p=p: indicator_table(p, TableContext.load(logframe)),
                repeat,
            )
        self._time("dashboard figures (staff)", lambda: display.dashboard(logframe, period, donor=False), repeat)
        self._time("dashboard figures (donor)", lambda: display.dashboard(logframe, period, donor=True), repeat)
        self._time("logframe with values (XLSX)", lambda: documents.logframe_xlsx(logframe, donor=True), repeat)
        report = ProgressReport.objects.filter(period=period).select_related("period__logframe__programme").first()
        if report is None:
            self.stdout.write(f"period {period.number} has no report: no PDF to time")
            return
        self._time(f"report PDF, period {period.number} (donor)", lambda: documents.report_pdf(report, donor=True), 1)
        self._time(f"report DOCX, period {period.number} (donor)", lambda: documents.report_docx(report, donor=True), 1)
