"""The platform's measures: entries published in a period (still shown), and CSOs counted once for
the period of their first uptake, by governorate and leadership, in a bounded number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons import services
from commons.models import Entry, EntryStatus, Uptake
from commons.tests.test_services import PRACTICE, old_account
from core import measures
from core.measures import Query
from organizations.models import VerificationStatus
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def published_entry(author=None):
    organization, admin = organization_with_admin(
        admin=author or old_account(), verification_status=VerificationStatus.VERIFIED
    )
    entry = services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    entry = services.entry_submit(actor=admin, entry=entry)
    return services.entry_moderate(actor=staff_member(Role.CENTRE_STAFF), entry=entry, action="approve")


def test_entries_published_count_the_period_of_first_publication_and_only_shown_ones():
    shown, hidden, later = published_entry(), published_entry(), published_entry()
    Entry.objects.filter(pk__in=[shown.pk, hidden.pk]).update(published_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC))
    Entry.objects.filter(pk=hidden.pk).update(status=EntryStatus.HIDDEN)
    Entry.objects.filter(pk=later.pk).update(published_at=dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC))
    figures = measures.compute(measures.get("commons.entries_published"), Query(end=END, start=START), ("entry_kind",))
    assert figures.total == 1 and figures.by["entry_kind"] == {"practice": 1}


def test_a_cso_counts_once_in_the_period_of_its_first_uptake_by_governorate_and_leadership():
    first, second = published_entry(), published_entry()
    basra, basra_admin = organization_with_admin(
        verification_status=VerificationStatus.VERIFIED, governorate="basra", is_women_led=True
    )
    erbil, erbil_admin = organization_with_admin(verification_status=VerificationStatus.VERIFIED)
    services.uptake_mark(actor=basra_admin, entry=first, organization=basra, used_on=dt.date(2026, 1, 10))
    services.uptake_mark(actor=basra_admin, entry=second, organization=basra, used_on=dt.date(2026, 2, 10))
    services.uptake_mark(actor=erbil_admin, entry=first, organization=erbil, used_on=dt.date(2025, 12, 20))
    services.uptake_mark(actor=erbil_admin, entry=second, organization=erbil, used_on=dt.date(2026, 3, 1))
    query = Query(end=END, start=START)
    with CaptureQueriesContext(connection) as queries:
        figures = measures.compute(measures.get("commons.csos_adopting"), query, ("governorate", "cso_led"))
    assert figures.total == 1  # Basra's first use is in the period; Erbil's was in December
    assert figures.by["governorate"] == {"basra": 1}
    assert Uptake.objects.count() == 4 and len(queries) <= 3
    to_date = measures.compute(measures.get("commons.csos_adopting"), Query(end=END), ("governorate",))
    assert to_date.total == 2 and to_date.by["governorate"] == {"basra": 1, "erbil": 1}
