"""The pages issue 16 names, with the demo login that measures each. A path holding `{...}` is filled
in-process from the bench database (inprocess.py): the roll-call of the busiest session of the staff
member's centre, the applications of the call with the most applications."""

from dataclasses import dataclass

PASSWORD = "Tatweer-demo-2026"  # noqa: S105 the demo password (core.demo.DEMO_PASSWORD)

LOGINS = {
    "admin": "admin@tatweer.example",
    "staff": "staff.mosul@tatweer.example",
    "cso": "cso@tatweer.example",
    "donor": "donor@tatweer.example",
    "officer": "grants@tatweer.example",
    "finance": "finance@tatweer.example",
    "coordinator": "legal@tatweer.example",
}


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # "anonymous" or a key of LOGINS
    path: str


PAGES = [
    Page("public home", "anonymous", "/en/"),
    Page("public calls", "anonymous", "/en/grants/calls/"),
    Page("public CSO directory", "anonymous", "/en/organisations/public/"),
    Page("platform entries", "anonymous", "/en/platform/"),
    Page("platform search", "anonymous", "/en/platform/?q=women"),
    Page("partner directory", "anonymous", "/en/partnerships/partners/"),
    Page("initiatives", "anonymous", "/en/partnerships/initiatives/"),
    Page("dashboard", "admin", "/en/dashboard/"),
    Page("dashboard", "staff", "/en/dashboard/"),
    Page("dashboard", "cso", "/en/dashboard/"),
    Page("dashboard", "donor", "/en/dashboard/"),
    Page("CSO directory", "staff", "/en/organisations/"),
    Page("events list", "staff", "/en/events/"),
    Page("participants", "staff", "/en/events/participants/"),
    Page("roll-call", "staff", "/en/events/{event}/sessions/{session}/roll-call/"),
    Page("numbers", "donor", "/en/events/numbers/"),
    Page("indicators", "donor", "/en/organisations/indicators/"),
    Page("applications", "officer", "/en/grants/manage/{call}/applications/"),
    Page("agreements", "finance", "/en/grants/agreements/"),
    Page("portfolio", "officer", "/en/grants/portfolio/"),
    Page("payments", "finance", "/en/grants/payments/"),
    Page("legal cases", "coordinator", "/en/legal/"),
    Page("audit trail", "admin", "/en/audit/"),
    Page("logframe dashboard", "donor", "/en/results/"),
]


def select(pages: list[Page], only: str) -> list[Page]:
    """The pages whose "name (role)" contains one of the comma-separated words of `only` (all if empty)."""
    words = [w.strip().lower() for w in only.split(",") if w.strip()]
    if not words:
        return pages
    return [p for p in pages if any(w in f"{p.name} ({p.role})".lower() for w in words)]
