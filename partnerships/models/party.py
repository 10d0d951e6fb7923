"""A party of the partnership graph: an Iraqi CSO (organizations.Organization) or an external
partner (partners.Partner). A row that names a party has two nullable foreign keys, exactly one of
them set, and the database checks that."""

from django.db import models
from django.db.models import Q


def one_party(prefix: str, name: str) -> models.CheckConstraint:
    """Exactly one of `<prefix>organization` and `<prefix>partner` is set."""
    org, partner = f"{prefix}organization__isnull", f"{prefix}partner__isnull"
    return models.CheckConstraint(
        condition=(Q(**{org: False}) & Q(**{partner: True})) | (Q(**{org: True}) & Q(**{partner: False})),
        name=name,
    )


class PartyMixin:
    """`party` is whichever of `organization` and `partner` is set (each model names them so)."""

    organization_id: int | None
    partner_id: int | None

    @property
    def party(self):
        return self.organization if self.organization_id else self.partner  # type: ignore[attr-defined]

    @property
    def party_key(self) -> str:
        return f"o{self.organization_id}" if self.organization_id else f"p{self.partner_id}"
