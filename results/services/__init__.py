"""Every change to the results framework goes through these services: each checks who acts,
locks what it changes, and records the change in the audit trail under the actor's name."""
