"""Moderation through the pages: the review queue of the centre, decisions with reasons (a refused one
keeps what was typed), the author's second review, readers' reports that hide an entry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons import services
from commons.models import Entry, EntryStatus
from commons.tests.test_services import PRACTICE
from organizations.models import VerificationStatus
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    organization, admin = organization_with_admin(verification_status=VerificationStatus.VERIFIED)  # new account
    entry = services.entry_submit(
        actor=admin, entry=services.entry_save(actor=admin, organization=organization, data=PRACTICE)
    )
    assert entry.status == EntryStatus.PENDING
    return entry


def queue(client) -> set[int]:
    html = client.get(reverse("commons:review_queue")).content.decode()
    return {int(chunk.split('"', 1)[0]) for chunk in html.split('<tr data-pk="')[1:]}


def test_the_queue_shows_the_centres_own_entries_and_a_decision_needs_a_reason(pending, client):
    basra = staff_member(Role.CENTRE_STAFF, centre_slug="basra")
    client.force_login(basra)
    assert queue(client) == set()
    url = reverse("commons:entry_moderate", args=[pending.pk, "decline"])
    assert client.post(url, {"reason": "No."}).status_code == 404  # another centre's CSO
    erbil = staff_member(Role.CENTRE_STAFF, centre_slug="erbil")
    client.force_login(erbil)
    assert queue(client) == {pending.pk}
    page = client.get(reverse("commons:entry_detail", args=[pending.pk])).content.decode()
    assert 'data-testid="moderate-approve"' in page and 'data-testid="moderate-decline"' in page
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "Say why, for the author." in refused.content.decode()
    assert Entry.objects.get(pk=pending.pk).status == EntryStatus.PENDING
    done = client.post(url, {"reason": "Remove the residents' names, then send it again."})
    assert done.status_code == 302
    entry = Entry.objects.get(pk=pending.pk)
    assert entry.status == EntryStatus.DECLINED and entry.status_reason.startswith("Remove the residents")

    # The author reads why, asks once for a second review; the queue shows it again.
    client.force_login(entry.author)
    page = client.get(reverse("commons:entry_detail", args=[entry.pk])).content.decode()
    assert "Remove the residents" in page and 'data-testid="second-review"' in page
    ask = reverse("commons:second_review", args=[entry.pk])
    assert client.post(ask, {"reason": ""}).status_code == 200  # refused, the form shown again
    assert client.post(ask, {"reason": "The names are removed."}).status_code == 302
    assert (
        'data-testid="second-review"'
        not in client.get(reverse("commons:entry_detail", args=[entry.pk])).content.decode()
    )
    client.force_login(erbil)
    assert queue(client) == {entry.pk}


def test_three_readers_reports_hide_an_entry_from_the_list(pending, client):
    services.entry_moderate(actor=staff_member(Role.CENTRE_MANAGER), entry=pending, action="approve")
    for n in range(3):
        client.force_login(UserFactory())
        response = client.post(
            reverse("commons:entry_report", args=[pending.pk]), {"reason": "spam", "comment": str(n)}
        )
        assert response.status_code == 302
    assert Entry.objects.get(pk=pending.pk).status == EntryStatus.HIDDEN
    client.logout()
    assert f'data-pk="{pending.pk}"' not in client.get(reverse("commons:entry_list")).content.decode()
    client.force_login(staff_member(Role.CENTRE_STAFF))
    assert queue(client) == {pending.pk}
    page = client.get(reverse("commons:entry_detail", args=[pending.pk])).content.decode()
    assert "hidden after three readers" in page and 'data-testid="moderate-restore"' in page


def test_a_report_without_a_reason_is_refused_and_the_comment_kept(pending, client):
    services.entry_moderate(actor=staff_member(Role.CENTRE_MANAGER), entry=pending, action="approve")
    client.force_login(UserFactory())
    response = client.post(reverse("commons:entry_report", args=[pending.pk]), {"reason": "", "comment": "Phone shown"})
    assert response.status_code == 200 and "Phone shown" in response.content.decode()


def test_the_queue_takes_the_same_queries_for_5_and_50_entries(client):
    organization, admin = organization_with_admin(verification_status=VerificationStatus.VERIFIED)
    client.force_login(staff_member(Role.CENTRE_STAFF))

    def add(n: int) -> None:
        for _ in range(n):
            services.entry_submit(
                actor=admin, entry=services.entry_save(actor=admin, organization=organization, data=PRACTICE)
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("commons:review_queue"))
        return len(captured)

    queries()  # the first request of a session writes it: not what is measured
    add(5)
    few = queries()
    add(45)
    assert queries() == few and len(queue(client)) == 50
