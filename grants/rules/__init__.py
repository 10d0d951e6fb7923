"""Calculations and the checks that say what stops an action, below the services.

Modules here read the models (and the database) and never write, except `ledger.check_cap`, which
locks the organisation's row inside the caller's transaction. They import models, other rules and
lower apps, never `grants.services`, `grants.selectors`, views, forms or tasks.
"""
