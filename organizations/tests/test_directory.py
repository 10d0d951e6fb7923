import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from centers.tests.factories import centre, staff_member
from core.models import ExportJob
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    person = staff_member(Role.GRANT_OFFICER)
    client.force_login(person)
    return person


def names(response):
    return [o.name for o in response.context["page"].object_list]


def test_search_finds_names_in_any_script_and_partial_words(client, officer):
    OrganizationFactory(name="منظمة البصرة للبيئة", name_en="Basra Environment Organisation", acronym="BEO")
    OrganizationFactory(name="ڕێکخراوی ژینگەی سەوز", name_en="Green Environment Organisation", acronym="GEO")
    OrganizationFactory(name="Iraqi Civic Futures", name_en="Iraqi Civic Futures", acronym="ICF")
    url = reverse("organizations:directory")
    assert names(client.get(url, {"q": "البصرة"})) == ["منظمة البصرة للبيئة"]
    assert names(client.get(url, {"q": "ژینگەی"})) == ["ڕێکخراوی ژینگەی سەوز"]
    assert names(client.get(url, {"q": "civic"})) == ["Iraqi Civic Futures"]
    assert sorted(names(client.get(url, {"q": "Enviro"}))) == sorted(["ڕێکخراوی ژینگەی سەوز", "منظمة البصرة للبيئة"])
    assert names(client.get(url, {"q": "geo"})) == ["ڕێکخراوی ژینگەی سەوز"]


def test_filters_combine(client, officer):
    OrganizationFactory(
        name="A", governorate="basra", nearest_centre=centre("basra"), is_women_led=True, thematic_areas=["environment"]
    )
    OrganizationFactory(name="B", governorate="basra", nearest_centre=centre("basra"), thematic_areas=["environment"])
    OrganizationFactory(
        name="C", governorate="erbil", is_women_led=True, thematic_areas=["youth"], verification_status="verified"
    )
    url = reverse("organizations:directory")
    assert names(client.get(url, {"governorate": "basra", "women_led": "on"})) == ["A"]
    assert names(client.get(url, {"thematic_area": "environment"})) == ["A", "B"]
    assert names(client.get(url, {"centre": centre("erbil").pk})) == ["C"]
    assert names(client.get(url, {"verification_status": "verified"})) == ["C"]


def test_bad_filter_values_do_not_break_the_page(client, officer):
    response = client.get(
        reverse("organizations:directory"), {"centre": "not-a-number", "governorate": "atlantis", "page": "x"}
    )
    assert response.status_code == 200


def test_the_directory_makes_the_same_number_of_queries_for_5_and_50_rows(client, officer, settings):
    def queries_with(count):
        Organization.objects.all().delete()
        OrganizationFactory.create_batch(count)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("organizations:directory"), {"page": 1})
        assert response.status_code == 200
        return len(captured), len(response.context["page"].object_list)

    few, rows_few = queries_with(5)
    many, rows_many = queries_with(50)
    assert (rows_few, rows_many) == (5, 25)
    assert few == many


def test_the_public_directory_shows_published_profiles_and_public_fields_only(client):
    OrganizationFactory(name="Published", is_published=True, email="secret@example.org", phone="+964 750 111")
    OrganizationFactory(name="Private", is_published=False)
    response = client.get(reverse("organizations:public_directory"))
    assert names(response) == ["Published"]
    published = response.context["page"].object_list[0]
    html = client.get(reverse("organizations:public_profile", args=[published.pk])).content.decode()
    assert "secret@example.org" not in html and "+964 750 111" not in html
    private = OrganizationFactory(name="Hidden", is_published=False)
    assert client.get(reverse("organizations:public_profile", args=[private.pk])).status_code == 404


def test_the_filtered_list_exports_to_csv_and_xlsx_in_the_background(
    client, officer, django_capture_on_commit_callbacks
):
    OrganizationFactory(name="منظمة البصرة", governorate="basra", nearest_centre=centre("basra"))
    OrganizationFactory(name="=HYPERLINK(1)", governorate="basra", nearest_centre=centre("basra"))
    OrganizationFactory(name="Erbil one", governorate="erbil")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:export_start", args=["organizations"]) + "?governorate=basra", {"format": "csv"}
        )
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("core:export_detail", args=[job.pk])
    assert (job.status, job.progress, job.row_count) == ("done", 100, 2)
    page = client.get(response["Location"]).content.decode()
    assert "The export is ready: 2 rows." in page
    download = client.get(page.split('data-testid="export-download"')[0].rsplit('href="', 1)[1].split('"')[0])
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Name"
    assert sorted(r[0] for r in rows[1:]) == ["'=HYPERLINK(1)", "منظمة البصرة"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:export_start", args=["organizations"]), {"format": "xlsx"})
    job = ExportJob.objects.filter(format="xlsx").get()
    workbook = load_workbook(job.file.open("rb"))
    assert workbook.active.max_row == 4  # header + 3 organisations


def test_the_export_page_polls_until_ready(client, officer):
    job = ExportJob.objects.create(user=officer, kind="organizations", format="csv", progress=40, status="running")
    response = client.get(reverse("core:export_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "40%" in html
    assert "<html" not in html  # only the fragment for htmx


def test_the_donor_cannot_export_or_browse_names(client):
    client.force_login(staff_member(Role.DONOR))
    assert client.post(reverse("core:export_start", args=["organizations"]), {"format": "csv"}).status_code == 403
    assert client.get(reverse("organizations:directory")).status_code == 403
    assert not ExportJob.objects.exists()
