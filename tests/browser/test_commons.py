"""The platform in the browser: a CSO member writes a case study in Kurdish (in the Kurdish interface);
being her CSO's first entry it waits for review; the centre's staff approve it; a follower of the
topic is told in the application and receives it in her digest e-mail; another CSO marks it used."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from commons import digests
from commons.models import DigestPreference, Entry, EntryStatus, Follow, Uptake
from notifications.models import Notification
from organizations.tests.factories import organization_with_admin
from tests.browser.test_organizations import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

TITLE = "گفتوگۆی گەنجان لەگەڵ ئەنجومەنی پارێزگا"


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_a_kurdish_case_study_is_reviewed_published_sent_in_the_digest_and_used(live_server, page, screenshot):
    base = live_server.url
    writer = UserFactory(email="rebin@example.org", full_name="Rebin Aziz", preferred_language="ckb")
    writer.date_joined = timezone.now() - dt.timedelta(days=200)
    writer.save(update_fields=["date_joined"])
    organization, _writer = organization_with_admin(admin=writer, verification_status="verified")
    staff_member(Role.CENTRE_STAFF, centre_slug=organization.nearest_centre.slug, email="staff@example.org", mfa=False)
    follower = UserFactory(email="sara@example.org", full_name="Sara Ali", preferred_language="ckb")
    other, _follower = organization_with_admin(admin=follower, verification_status="verified")
    Follow.objects.create(user=follower, topic="governance", level="new")
    DigestPreference.objects.create(user=follower, frequency="daily")

    # The CSO member writes the case study in the Kurdish interface and sends it.
    sign_in(page, base, "rebin@example.org")
    page.goto(f"{base}/ckb/platform/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_kind").select_option("practice")
    page.locator("#id_language").select_option("ckb")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("چۆن بیست گەنجی هەولێر پێشنیارەکانیان پێشکەش کرد.")
    page.locator("#id_problem").fill("گەنجان هیچ دەنگێکیان لە پلانی ئەنجومەندا نەبوو.")
    page.locator("#id_approach").fill("سێ کۆبوونەوەی ئامادەکاری و یەک دانیشتنی کراوە.")
    page.locator("input[name=topics][value=governance]").check()
    page.get_by_test_id("publish").click()
    page.wait_for_load_state()
    # The lessons are missing: refused, and nothing typed is lost.
    assert page.locator("#id_title").input_value() == TITLE
    assert not Entry.objects.filter(status=EntryStatus.PENDING).exists()
    page.locator("#id_lessons").fill("پێشنیاری ورد و بە تێچوونەوە زیاتر وەردەگیرێت.")
    page.get_by_test_id("publish").click()
    page.wait_for_url(re.compile(r"/ckb/platform/\d+/$"))
    entry = Entry.objects.get(title=TITLE)
    assert entry.status == EntryStatus.PENDING  # the CSO's first entry waits for review
    screenshot("commons-case-study-waiting")
    sign_out_anywhere(page, base)

    # The centre's staff approve it from the review queue.
    sign_in(page, base, "staff@example.org")
    page.goto(f"{base}/en/platform/review/")
    page.get_by_role("link", name=TITLE).click()
    with page.expect_navigation():
        page.get_by_test_id("moderate-approve").click()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    sign_out_anywhere(page, base)

    # The follower of the topic is told in the application and in her daily digest, in Kurdish.
    assert Notification.objects.filter(recipient=follower, kind="commons_followed_entry").count() == 1
    mail.outbox.clear()
    assert digests.digests_due(now=timezone.now() + dt.timedelta(hours=1)) == 1
    (message,) = [m for m in mail.outbox if "sara@example.org" in m.to]
    assert TITLE in message.body and f"/ckb/platform/{entry.pk}/" in message.body

    # She opens it and marks it used by her CSO.
    sign_in(page, base, "sara@example.org")
    page.goto(f"{base}/ckb/platform/{entry.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("mark-used").click()
    assert Uptake.objects.filter(entry=entry, organization=other).exists()
    assert page.get_by_test_id("mark-used").count() == 0
    screenshot("commons-case-study-used")


def sign_out_anywhere(page, base):
    page.goto(f"{base}/en/")
    sign_out(page)
