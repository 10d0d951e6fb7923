"""CSO profiles, memberships, documents, leadership and capacity assessments (issue: CSO profiles)."""
