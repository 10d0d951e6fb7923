"""The agreement page is built from panels with views of their own: htmx gets one panel alone (a
refused form with its errors and what was typed), a step done loads the page again, and without
JavaScript the same posts answer with the whole page."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from grants.models import TrancheStatus
from grants.tests.test_payments import requested_first_tranche, signed_agreement
from grants.tests.test_reporting import grantee_of
from grants.views.agreement_panels import PANELS
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_each_panel_is_served_alone_to_those_who_see_the_agreement(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    client.force_login(officer)
    for key in PANELS:
        response = client.get(reverse("grants:agreement_panel", args=[agreement.pk, key]), **HTMX)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html and f'id="agreement-{key}"' in html
    assert client.get(reverse("grants:agreement_panel", args=[agreement.pk, "nothing"])).status_code == 404
    # The grantee sees its own panels; another organisation learns nothing.
    client.force_login(grantee_of(agreement))
    assert client.get(reverse("grants:agreement_panel", args=[agreement.pk, "tranches"])).status_code == 200
    _organization, stranger = organization_with_admin()
    client.force_login(stranger)
    assert client.get(reverse("grants:agreement_panel", args=[agreement.pk, "tranches"])).status_code == 404


def test_a_refused_cancellation_comes_back_in_its_panel_with_htmx_and_in_the_page_without(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    second = agreement.tranches.get(number=2)
    client.force_login(officer)
    url = reverse("grants:tranche_cancel", args=[second.pk])
    fragment = client.post(url, {f"cancel-{second.pk}-reason": ""}, **HTMX)
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html
    assert 'id="agreement-tranches"' in html and "This field is required." in html
    page = client.post(url, {f"cancel-{second.pk}-reason": ""}).content.decode()
    assert "<html" in page and "This field is required." in page and 'id="agreement-reports"' in page
    second.refresh_from_db()
    assert second.status == TrancheStatus.PLANNED


def test_a_step_done_with_htmx_loads_the_agreement_page_again(client):
    officer = staff_member(Role.GRANT_OFFICER)
    agreement = signed_agreement(officer)
    second = agreement.tranches.get(number=2)
    client.force_login(officer)
    response = client.post(
        reverse("grants:tranche_cancel", args=[second.pk]), {f"cancel-{second.pk}-reason": "Underspent."}, **HTMX
    )
    assert response["HX-Redirect"] == reverse("grants:agreement", args=[agreement.pk])
    second.refresh_from_db()
    assert second.status == TrancheStatus.CANCELLED
    plain = client.post(reverse("grants:report_schedule", args=[agreement.pk]), {"kind": "final", "due_on": ""})
    assert plain.status_code == 200 and "This field is required." in plain.content.decode()


def test_the_panels_offer_what_the_workflows_allow(client):
    officer = staff_member(Role.GRANT_OFFICER)
    finance = staff_member(Role.FINANCE_OFFICER)
    agreement, first = requested_first_tranche(officer)
    url = reverse("grants:agreement_panel", args=[agreement.pk, "tranches"])
    client.force_login(finance)
    assert f'data-testid="pay-{first.number}"' in client.get(url).content.decode()
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert f'data-testid="pay-{first.number}"' not in html  # the officer asked; finance pays
    assert reverse("grants:tranche_cancel", args=[agreement.tranches.get(number=2).pk]) in html
    preparation = client.get(reverse("grants:agreement_panel", args=[agreement.pk, "preparation"])).content.decode()
    assert reverse("grants:agreement_sign", args=[agreement.pk]) not in preparation  # signed already
