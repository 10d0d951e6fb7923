"""Grant calls, applications, reviews, awards, tranches and disbursements (issues: grants)."""
