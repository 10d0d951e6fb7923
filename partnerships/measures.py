"""The measures of partnerships (core.measures): the share of visiting CSOs that adopted a practice
they saw on an exchange visit, and the joint initiatives that reached a decision-maker or documented
a change. Only counts leave this module."""

from core import measures  # noqa: F401 - each section registers its measures

# --- exchange visits ---
# --- end visits ---
# --- initiatives ---
# --- end initiatives ---


def register() -> None:
    """Called from PartnershipsConfig.ready()."""
    # --- register: exchange visits ---
    # --- end register visits ---
    # --- register: initiatives ---
    # --- end register initiatives ---
