import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from trainings import attendance_import
from trainings.attendance_import import session_header
from trainings.models import Attendance
from trainings.services import registration_create
from trainings.tests.factories import ParticipantFactory, held_until_yesterday, published_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    event = published_event(sessions=2)
    admin = UserFactory(is_superuser=True)
    people = [ParticipantFactory(full_name=name) for name in ("Ali Aziz", "Huda Kadhim")]
    for person in people:
        registration_create(actor=admin, event=event, participant=person)
    client.force_login(staff_member(Role.CENTRE_STAFF, centre_slug="erbil"))
    return held_until_yesterday(event), people


def csv_upload(text):
    return SimpleUploadedFile("attendance.csv", text.encode("utf-8"))


def test_the_template_lists_registered_people_and_sessions(client, setting):
    event, people = setting
    response = client.get(reverse("trainings:attendance_template", args=[event.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    sessions = list(event.sessions.order_by("date"))
    assert rows[0] == (
        "participant_id",
        "full_name",
        "phone",
        "email",
        session_header(sessions[0]),
        session_header(sessions[1]),
    )
    assert {r[1] for r in rows[1:]} == {"Ali Aziz", "Huda Kadhim"}


def test_an_upload_is_previewed_row_by_row_and_nothing_is_saved_while_it_has_errors(client, setting):
    event, (ali, huda) = setting
    first, second = (session_header(s) for s in event.sessions.order_by("date"))
    text = (
        f"participant_id,full_name,phone,email,{first},{second},1999-01-01 09:00\n"
        f"{ali.pk},Ali,,,present,حاضر,\n"
        f"999999,Stranger,,,present,,\n"
        f"{huda.pk},Huda,,,asleep,late,\n"
    )
    response = client.post(
        reverse("trainings:attendance_upload", args=[event.pk]), {"file": csv_upload(text)}, follow=True
    )
    html = response.content.decode()
    assert "Nothing has been saved" in html
    assert "is not a session of this event" in html
    assert "Row 3:" in html and "Unknown person" in html
    assert "Row 4:" in html and "“asleep” is not an attendance status." in html
    assert not Attendance.objects.exists()


def test_a_correct_upload_is_saved_whole_after_confirmation(client, setting):
    event, (ali, huda) = setting
    first, second = (session_header(s) for s in event.sessions.order_by("date"))
    text = f"participant_id,full_name,phone,email,{first},{second}\n{ali.pk},Ali,,,P,late\n{huda.pk},Huda,,,absent,\n"
    url = reverse("trainings:attendance_upload", args=[event.pk])
    response = client.post(url, {"file": csv_upload(text)}, follow=True)
    assert "The file is correct: 3 attendances to record." in response.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(url, {"confirm": "1"})
    assert response["Location"] == reverse("trainings:event_detail", args=[event.pk])
    assert sorted(Attendance.objects.values_list("participant__full_name", "status")) == [
        ("Ali Aziz", "late"),
        ("Ali Aziz", "present"),
        ("Huda Kadhim", "absent"),
    ]


def test_wrong_columns_or_an_unreadable_file_are_explained(client, setting):
    event, _people = setting
    url = reverse("trainings:attendance_upload", args=[event.pk])
    response = client.post(url, {"file": csv_upload("name,phone\nAli,0750\n")}, follow=True)
    assert "The first columns must be" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", b"\xff\xfe\x00bad")}, follow=True)
    assert "not a CSV file" in response.content.decode() or "could not be read" in response.content.decode()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_a_file_beyond_the_row_cap_is_refused_with_the_reason(client, setting):
    event, (ali, _huda) = setting
    first, _second = (session_header(s) for s in event.sessions.order_by("date"))
    rows = "".join(f"{ali.pk},Ali,,,present,\n" for _ in range(attendance_import.MAX_ROWS + 1))
    text = f"participant_id,full_name,phone,email,{first}\n{rows}"
    url = reverse("trainings:attendance_upload", args=[event.pk])
    response = client.post(url, {"file": csv_upload(text)}, follow=True)
    assert "The file is too large for one event: at most 2000 rows and 30 sessions." in response.content.decode()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not Attendance.objects.exists()


def test_a_sheet_far_wider_than_an_event_is_refused_without_reading_it_all(client, setting):
    event, (ali, _huda) = setting
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["participant_id", "full_name", "phone", "email"])
    sheet.cell(row=1, column=16000, value="x")
    sheet.cell(row=50000, column=1, value=ali.pk)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("wide.xlsx", buffer.getvalue())
    response = client.post(reverse("trainings:attendance_upload", args=[event.pk]), {"file": upload}, follow=True)
    assert "The file is too large for one event" in response.content.decode()
    assert len(response.content) < 200_000


def test_an_xlsx_that_unpacks_to_far_more_than_its_size_is_refused(client, setting):
    event, _people = setting
    buffer = io.BytesIO(client.get(reverse("trainings:attendance_template", args=[event.pk])).content)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b"\0" * (attendance_import.MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    upload = SimpleUploadedFile("bomb.xlsx", buffer.getvalue())
    response = client.post(reverse("trainings:attendance_upload", args=[event.pk]), {"file": upload}, follow=True)
    assert "The file is too large for one event" in response.content.decode()


def test_many_problems_are_counted_and_their_preview_is_paginated(client, setting):
    event, _people = setting
    first, _second = (session_header(s) for s in event.sessions.order_by("date"))
    strangers = "".join(f"{900000 + n},Stranger {n},,,present\n" for n in range(120))
    odd = "²,Superscript,,,present\n" + "9" * 5000 + ",Long number,,,present\n"
    text = f"participant_id,full_name,phone,email,{first}\n{strangers}{odd}"
    url = reverse("trainings:attendance_upload", args=[event.pk])
    response = client.post(url, {"file": csv_upload(text)}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Row 2:" in html and "Row 51:" in html and "Row 52:" not in html
    assert "Page 1 of 3" in html
    html = client.get(url, {"checked": "1", "page": "3"}).content.decode()
    assert "Row 122:" in html and "Unknown person “²”" in html
    assert not Attendance.objects.exists()
