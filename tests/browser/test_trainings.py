import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Room
from centers.tests.factories import centre, staff_member
from tests.browser.test_organizations import sign_in, sign_out
from trainings.models import Attendance, Event, Registration
from trainings.tests.factories import held_until_yesterday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@override_settings(TATWEER_REQUIRE_STAFF_MFA=False)
def test_schedule_register_and_take_the_roll_call_on_a_phone(live_server, page, screenshot):
    base = live_server.url
    Room.objects.create(centre=centre("erbil"), name="Training hall", name_en="Training hall", capacity=25)
    staff_member(Role.CENTRE_STAFF, centre_slug="erbil", email="staff@example.org", mfa=False)
    UserFactory(email="member@example.org", full_name="Hana Kareem")
    first_day = timezone.localdate() + dt.timedelta(days=14)

    # staff schedule a two-day training and publish it
    sign_in(page, base, "staff@example.org")
    page.goto(f"{base}/en/events/new/")
    page.locator("#id_kind").select_option("training")
    page.locator("#id_title_en").fill("Strategic planning, Erbil cohort 1")
    page.locator("#id_centre").select_option(label="Erbil Civil Society Service Centre")
    page.locator("#id_room").select_option(index=1)
    page.locator("#id_capacity").fill("20")
    page.locator("#id_sessions-0-date").fill(first_day.isoformat())
    page.locator("#id_sessions-0-start_time").fill("09:00")
    page.locator("#id_sessions-0-end_time").fill("13:00")
    page.locator("#id_sessions-1-date").fill((first_day + dt.timedelta(days=1)).isoformat())
    page.locator("#id_sessions-1-start_time").fill("09:00")
    page.locator("#id_sessions-1-end_time").fill("13:00")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/en/events/\d+/$"))
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The event is published.").wait_for()
    event = Event.objects.get(title_en="Strategic planning, Erbil cohort 1")
    assert event.sessions.count() == 2
    sign_out(page)

    # a CSO member registers, giving their details once
    sign_in(page, base, "member@example.org")
    page.goto(f"{base}/en/events/{event.pk}/")
    page.get_by_test_id("register").click()
    page.wait_for_url(re.compile(r"/en/events/my/details/"))
    page.locator("#id_sex").select_option("female")
    page.locator("#id_birth_year").fill("2000")
    page.locator("#id_governorate").select_option("erbil")
    page.locator("#id_phone").fill("0750 123 4567")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"/en/events/{event.pk}/$"))
    page.get_by_test_id("register").click()
    page.get_by_text("You are registered.").first.wait_for()
    registration = Registration.objects.get(event=event)
    sign_out(page)

    # staff take the roll-call on the phone: one tap saves at once
    sign_in(page, base, "staff@example.org")
    session = event.sessions.order_by("date").first()
    # two weeks ahead, the roll-call only explains when it opens
    page.goto(f"{base}/en/events/{event.pk}/sessions/{session.pk}/roll-call/")
    page.get_by_text("This session has not begun").wait_for()
    assert page.get_by_test_id(f"mark-{registration.participant_id}-present").count() == 0
    # the training days come
    event = held_until_yesterday(event)
    page.goto(f"{base}/en/events/{event.pk}/sessions/{session.pk}/roll-call/")
    page.get_by_test_id(f"mark-{registration.participant_id}-present").click()
    page.get_by_test_id(f"recorded-{registration.participant_id}").wait_for()
    screenshot("roll-call-phone")
    attendance = Attendance.objects.get(session=session)
    assert attendance.status == "present"
    assert page.url.endswith("/roll-call/")  # no page load: the row was swapped in place
    second = event.sessions.order_by("date").last()
    page.goto(f"{base}/en/events/{event.pk}/sessions/{second.pk}/roll-call/")
    page.get_by_test_id(f"mark-{registration.participant_id}-late").click()
    page.get_by_test_id(f"recorded-{registration.participant_id}").wait_for()

    # the event is completed and certificates issued (rendered by Celery, in-process here)
    page.goto(f"{base}/en/events/{event.pk}/")
    page.get_by_role("button", name="Mark as completed").click()
    page.get_by_role("button", name="Issue certificates").click()
    page.get_by_text("1 certificate issued").wait_for()
    sign_out(page)

    # the participant downloads the certificate
    sign_in(page, base, "member@example.org")
    page.goto(f"{base}/en/events/{event.pk}/")
    with page.expect_download() as download:
        page.get_by_test_id("my-certificate").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("certificate-")
