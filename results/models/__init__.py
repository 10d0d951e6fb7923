"""The results framework: logframe, reporting periods, values entered by hand, progress reports."""

from results.models.logframe import (
    PARENT_LEVEL,
    Cumulation,
    Direction,
    Disaggregation,
    Indicator,
    Level,
    Logframe,
    Node,
    Target,
    Unit,
)
from results.models.periods import ManualValue, Period, PeriodKind, ValueStatus
from results.models.reports import (
    REQUIRED_SECTIONS,
    SECTION_NAMES,
    SECTIONS,
    Area,
    Contribution,
    ProgressReport,
    ReportStatus,
    Revision,
    Snapshot,
)

__all__ = [
    "PARENT_LEVEL",
    "REQUIRED_SECTIONS",
    "SECTIONS",
    "SECTION_NAMES",
    "Area",
    "Contribution",
    "Cumulation",
    "Direction",
    "Disaggregation",
    "Indicator",
    "Level",
    "Logframe",
    "ManualValue",
    "Node",
    "Period",
    "PeriodKind",
    "ProgressReport",
    "ReportStatus",
    "Revision",
    "Snapshot",
    "Target",
    "Unit",
    "ValueStatus",
]
