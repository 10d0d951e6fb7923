"""The list of grant recipients for publication: one row per signed agreement."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Exporter
from grants import permissions, selectors
from grants.rules.ledger import Rates


def _columns() -> list[str]:
    return [
        _("Organisation"),
        _("Name in English"),
        _("Governorate"),
        _("Call"),
        _("Agreement number"),
        _("Project title"),
        _("Amount"),
        _("Currency"),
        _("Euro equivalent"),
        _("Paid"),
        _("Start"),
        _("End"),
        _("Status"),
    ]


def _rows(user, params):
    rates = Rates()
    for agreement in selectors.recipients().iterator(chunk_size=500):
        organization = agreement.application.organization
        amount = agreement.amount - agreement.cancelled
        eur: Decimal | str
        try:
            eur = rates.to_eur(amount, agreement.currency, timezone.localdate(agreement.created_at))
        except ValidationError:
            eur = ""
        yield [
            organization.name,
            organization.name_en,
            organization.get_governorate_display(),
            agreement.application.call.code,
            agreement.number,
            agreement.application.title,
            amount,
            agreement.currency,
            eur,
            agreement.paid,
            agreement.start_date,
            agreement.end_date,
            agreement.get_status_display(),
        ]


RECIPIENTS_EXPORT = Exporter(
    kind="grant_recipients",
    title=lambda: _("Grant recipients"),
    permission=permissions.can_view_portfolio,
    columns=_columns,
    rows=_rows,
    count=lambda user, params: selectors.recipients().count(),
)
