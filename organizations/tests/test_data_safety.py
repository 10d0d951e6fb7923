"""Removing a leadership position (which the women-led and youth-led figures depend on) is in the
audit trail, and the admin's inline formsets are bounded whatever count a post claims."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from centers.tests.factories import staff_member
from organizations.admin import DimensionInline, IndicatorInline, MembershipInline
from organizations.models import LeadershipMemberEvent, Membership, Organization
from organizations.services import leadership_delete
from organizations.tests.factories import LeadershipMemberFactory, organization_with_admin

pytestmark = pytest.mark.django_db


def test_removing_a_leadership_position_is_in_the_audit_trail_with_who_removed_it():
    organization, admin = organization_with_admin()
    chair = LeadershipMemberFactory(organization=organization, is_head=True, full_name="Sara Ali")
    chair_id = chair.pk
    leadership_delete(actor=admin, member=chair)
    assert not organization.leadership.exists()
    deletion = LeadershipMemberEvent.objects.get(pgh_obj_id=chair_id, pgh_label="delete")
    assert (deletion.full_name, deletion.sex, deletion.is_head) == ("Sara Ali", "female", True)
    assert deletion.pgh_context.metadata["user"] == admin.pk


@pytest.mark.parametrize("inline", [MembershipInline, IndicatorInline, DimensionInline])
def test_every_admin_inline_has_a_maximum(inline):
    assert inline.max_num and inline.max_num <= 500


def test_an_inflated_inline_count_in_the_admin_is_a_form_error_and_nothing_changes(client):
    organization, _admin = organization_with_admin(name="Bounded CSO")
    client.force_login(staff_member(Role.PROGRAMME_ADMIN, centre_slug=None))
    url = reverse("admin:organizations_organization_change", args=[organization.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value not in (None, "") and not hasattr(value, "storage")  # no files
    }
    data.update(
        {
            "name": "Renamed CSO",
            "memberships-TOTAL_FORMS": "100000",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(organization.memberships.get().pk),
            "memberships-0-organization": str(organization.pk),
            "memberships-0-user": str(organization.memberships.get().user_id),
            "memberships-0-role": "admin",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert len(formset.forms) <= formset.absolute_max <= 1000
    assert "Please submit at most" in response.content.decode()
    assert Organization.objects.get(pk=organization.pk).name == "Bounded CSO"
    assert Membership.objects.filter(organization=organization).count() == 1
