"""Translating an entry: all of it, its type's fields too; the reader of that language sees it with
the translator's name; a blank field shows the original's, marked."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from commons.models import EntryTranslation
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    organization, admin = organization_with_admin(verification_status="verified")
    return published_entry(admin, organization=organization, results="حضر 42 شخصاً")


def test_a_trainer_translates_a_practice_with_its_fields(entry, client):
    trainer = staff_member(Role.TRAINER)
    client.force_login(trainer)
    listing = client.get(reverse("commons:translation_list", args=[entry.pk])).content.decode()
    assert 'data-testid="translation-en"' in listing and 'data-testid="translation-ar"' not in listing
    url = reverse("commons:translation_edit", args=[entry.pk, "en"])
    form = client.get(url).content.decode()
    assert 'name="problem"' in form and 'name="purpose"' not in form  # only what the original has
    response = client.post(
        url,
        {
            "title": "Budget hearings",
            "summary": "How we brought residents to the council's budget.",
            "problem": "Residents had never seen the budget.",
            "approach": "A one-page budget and invitations by name.",
            "lessons": "",
            "results": "42 people came.",
        },
    )
    assert response.status_code == 302
    translation = EntryTranslation.objects.get(entry=entry, language="en")
    assert translation.translator == trainer and translation.problem == "Residents had never seen the budget."
    page = client.get(reverse("commons:entry_detail", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Residents had never seen the budget." in page and "Translated from Arabic" in page
    assert entry.lessons in page and "Some parts are not translated yet" in page


def test_the_original_language_and_unknown_languages_are_404_and_a_script_is_refused(entry, client):
    client.force_login(staff_member(Role.TRAINER))
    assert client.get(reverse("commons:translation_edit", args=[entry.pk, "ar"])).status_code == 404
    assert client.get(reverse("commons:translation_edit", args=[entry.pk, "fr"])).status_code == 404
    url = reverse("commons:translation_edit", args=[entry.pk, "ckb"])
    response = client.post(url, {"title": "t", "summary": "s", "problem": "p", "approach": "a", "body": ""})
    assert response.status_code == 302
    assert client.get(reverse("commons:translation_list", args=[entry.pk])).status_code == 200


def test_a_reader_who_does_not_write_or_work_for_the_programme_cannot_translate(entry, client):
    _org, stranger = organization_with_admin(verification_status="verified")
    client.force_login(stranger)
    assert client.get(reverse("commons:translation_list", args=[entry.pk])).status_code == 404
