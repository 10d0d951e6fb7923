"""Saving an entry for offline reading, in the browser: a signed-in reader saves a published entry
with its file; with the network off the entry opens, its file link (signed, so it stops working on
the server after a while) gives the kept file, the list names what is saved, and an entry that was
not saved shows the offline page in the reader's language. Removing the entry takes it away."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from commons import services
from commons.models import Entry
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin
from tests.browser.test_organizations import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

FILE = b"%PDF-1.4\n%budget hearing template\n"


def test_a_reader_saves_an_entry_and_reads_it_and_its_file_offline(live_server, page, screenshot):
    # http://localhost is a secure context, where service workers run.
    assert live_server.url.startswith("http://localhost:")
    base = live_server.url
    organization, admin = organization_with_admin(verification_status="verified")
    saved = published_entry(admin, organization=organization, title="Budget hearings", language="en")
    services.version_add(
        actor=admin,
        entry=saved,
        file=SimpleUploadedFile("hearing.pdf", FILE, content_type="application/pdf"),
        change_note="First version.",
    )
    other = published_entry(admin, organization=organization, title="Donor map", language="en")
    UserFactory(email="reader@example.org")
    sign_in(page, base, "reader@example.org")
    entry_url = f"{base}/en/platform/{saved.pk}/"

    # The reader saves the entry: the box says so and offers to remove it.
    page.goto(entry_url)
    button = page.get_by_test_id("offline-save")
    assert button.inner_text() == "Save for offline"
    button.click()
    page.get_by_test_id("offline-status").get_by_text("Saved for offline").wait_for()
    assert button.inner_text() == "Remove from offline"
    Entry.objects.filter(pk=saved.pk).update(title="Budget hearings, revised")  # the kept copy is older

    # Offline, the entry opens from what the service worker kept, with its file under the same link.
    context = page.context
    context.set_offline(True)
    try:
        response = page.goto(entry_url)
        assert response is not None and response.from_service_worker
        page.get_by_role("heading", name="Budget hearings", exact=True).wait_for()
        assert page.get_by_test_id("offline-status").inner_text().startswith("Saved for offline")
        link = page.get_by_test_id("version").get_by_role("link", name="hearing.pdf").get_attribute("href")
        kept = page.evaluate(
            "async (href) => { const r = await fetch(href); return [r.status, await r.text()]; }", link
        )
        assert kept == [200, FILE.decode()]
        screenshot("commons-offline-entry")

        # An entry not saved: the offline page, which lists what is saved.
        page.goto(f"{base}/en/platform/{other.pk}/")
        page.get_by_test_id("offline-page").wait_for()
        page.get_by_role("heading", name="This page is not saved for offline reading").wait_for()
        page.get_by_test_id("offline-list").get_by_role("link", name="Budget hearings").wait_for()

        # ... in the reader's language.
        page.goto(f"{base}/ar/platform/{other.pk}/")
        page.get_by_test_id("offline-page").wait_for()
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.locator("html").get_attribute("dir") == "rtl"
        screenshot("commons-offline-not-saved")
    finally:
        context.set_offline(False)

    # Online, the list of entries names it and the page comes from the server again; the reader removes
    # it, and offline it is no longer there.
    page.goto(f"{base}/en/platform/")
    page.get_by_test_id("offline-list").get_by_role("link", name="Budget hearings").wait_for()
    page.goto(entry_url)
    page.get_by_role("heading", name="Budget hearings, revised").wait_for()
    page.get_by_role("button", name="Remove from offline").click()
    page.get_by_test_id("offline-status").get_by_text("Removed from offline").wait_for()
    assert page.get_by_test_id("offline-save").inner_text() == "Save for offline"
    context.set_offline(True)
    try:
        page.goto(entry_url)
        page.get_by_test_id("offline-page").wait_for()
        assert page.get_by_test_id("offline-list").is_hidden()
    finally:
        context.set_offline(False)
