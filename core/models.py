"""core has no tables of its own: it offers mechanisms (uploads, private files, audit, registries)."""
