"""Test data of partnerships, and what the access table's URLs name (one function per sub-domain,
each in its own module)."""

from partnerships.tests import (
    factories_agreements,
    factories_coalitions,
    factories_initiatives,
    factories_partners,
    factories_visits,
)


def matrix_objects(author) -> dict:
    """The objects the access table names: none belongs to the matrix's role users' CSOs."""
    objects: dict = {}
    for module in (
        factories_partners,
        factories_agreements,
        factories_visits,
        factories_coalitions,
        factories_initiatives,
    ):
        objects.update(module.matrix_objects(author, objects))
    return objects
