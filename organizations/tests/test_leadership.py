from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from organizations.leadership import composition_on, history
from organizations.models import LeadershipMember
from organizations.selectors import leadership_indicators
from organizations.tasks import refresh_leadership_flags
from organizations.tests.factories import LeadershipMemberFactory, organization_with_admin

pytestmark = pytest.mark.django_db


def position(organization, **kwargs):
    defaults = {"start_date": date(2020, 1, 1), "sex": "male", "birth_year": 1970, "is_head": False}
    return LeadershipMemberFactory(organization=organization, **{**defaults, **kwargs})


def test_women_led_when_a_woman_heads_it_or_women_hold_half(client):
    organization, _ = organization_with_admin()
    position(organization, is_head=True, sex="female")
    position(organization)
    position(organization)
    assert composition_on(list(organization.leadership.all()), date(2024, 1, 1)).women_led
    organization.leadership.update(is_head=False)
    assert not composition_on(list(organization.leadership.all()), date(2024, 1, 1)).women_led


def test_youth_is_counted_at_the_date_not_today():
    organization, _ = organization_with_admin()
    position(organization, birth_year=1998, is_head=True)
    members = list(organization.leadership.all())
    assert composition_on(members, date(2020, 6, 1)).youth_led  # 22 then
    assert not composition_on(members, date(2030, 6, 1)).youth_led  # 32 then


def test_the_history_shows_each_change_in_composition():
    organization, _ = organization_with_admin()
    position(organization, start_date=date(2019, 1, 1), end_date=date(2021, 12, 31), is_head=True)
    position(organization, start_date=date(2022, 1, 1), sex="female", is_head=True)
    changes = history(list(organization.leadership.all()), date(2025, 1, 1))
    assert [(c.day, c.women_led) for c in changes] == [(date(2019, 1, 1), False), (date(2022, 1, 1), True)]


def test_adding_leadership_refreshes_the_flags_and_refuses_a_future_birth_year(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    data = {
        "full_name": "Shilan Aziz",
        "body": "management",
        "position": "Executive director",
        "is_head": "on",
        "sex": "female",
        "birth_year": "2999",
        "start_date": "2023-01-01",
    }
    response = client.post(reverse("organizations:leadership_add", args=[organization.pk]), data)
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert "Shilan Aziz" in response.content.decode()
    response = client.post(
        reverse("organizations:leadership_add", args=[organization.pk]), {**data, "birth_year": "2001"}
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.is_women_led and organization.is_youth_led


def test_an_end_date_before_the_start_is_refused(client):
    organization, admin = organization_with_admin()
    client.force_login(admin)
    response = client.post(
        reverse("organizations:leadership_add", args=[organization.pk]),
        {
            "full_name": "A",
            "body": "board",
            "position": "Chair",
            "sex": "male",
            "birth_year": "1980",
            "start_date": "2023-01-01",
            "end_date": "2022-01-01",
        },
    )
    assert "end date cannot be before the start date" in response.content.decode()
    assert not LeadershipMember.objects.exists()


def test_the_nightly_refresh_catches_people_ageing_out_of_youth():
    organization, _ = organization_with_admin()
    position(organization, birth_year=1980, is_head=True)
    organization.is_youth_led = True
    organization.save(update_fields=["is_youth_led"])
    assert refresh_leadership_flags() >= 1
    organization.refresh_from_db()
    assert not organization.is_youth_led


def test_the_indicators_count_organisations_at_a_date_without_naming_them(client):
    led_by_woman, _ = organization_with_admin(name="Alpha")
    position(led_by_woman, sex="female", is_head=True, start_date=date(2021, 1, 1))
    led_by_man, _ = organization_with_admin(name="Beta")
    position(led_by_man, is_head=True, start_date=date(2021, 1, 1))
    data = leadership_indicators(at=date(2022, 1, 1))
    assert data["women_led"] == 1
    assert data["with_women_in_leadership"] == 1
    assert data["organizations"] == 2
    assert data["women_led_share"] == 50.0
    client.force_login(staff_member(Role.DONOR))
    html = client.get(reverse("organizations:indicators"), {"at": "2022-01-01"}).content.decode()
    assert "50.0%" in html
    assert "Alpha" not in html and "Beta" not in html
