"""The coalitions' demo, after the staff, the CSOs and the partners of their own demos: two
coalitions with a partner member each, every role, a member who left; run again, it adds nothing;
with a larger scale, one more pair per set of CSOs."""

import io

import pytest

from centers import demo as staff_demo
from organizations import demo as organizations_demo
from partnerships.demo import coalitions as coalitions_demo
from partnerships.demo import partners as partners_demo
from partnerships.models import Coalition, CoalitionMember, CoalitionRole

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return Coalition.objects.count(), CoalitionMember.objects.count()


def test_the_coalitions_demo_makes_two_coalitions_with_partners_roles_and_leavers_and_is_idempotent():
    out = io.StringIO()
    staff_demo.seed(scale=1, stdout=out)
    organizations_demo.seed(scale=1, stdout=out)
    partners_demo.seed(scale=1, stdout=out)
    coalitions_demo.seed(scale=1, stdout=out)
    water = Coalition.objects.get(name="تحالف البصرة لحقوق المياه")
    law = Coalition.objects.get(kind="network")
    assert water.is_public and not law.is_public and water.centre.slug == "basra"
    assert water.members.filter(partner__acronym="Oxfam", left_on__isnull=True).exists()
    assert law.members.filter(partner__acronym="KRD-Net", left_on__isnull=True).exists()
    assert (
        law.members.get(role=CoalitionRole.LEAD)
        .organization.memberships.filter(user__email="cso.member@tatweer.example", role="admin")
        .exists()
    )  # Rebin manages the network
    assert water.members.filter(organization__memberships__user__email="cso@tatweer.example", role="lead").exists()
    for coalition in (water, law):
        assert set(coalition.members.values_list("role", flat=True)) == set(CoalitionRole.values)
        left = coalition.members.get(left_on__isnull=False)
        assert left.joined_on < left.left_on
    first = counts()
    coalitions_demo.seed(scale=1, stdout=out)
    assert counts() == first
    organizations_demo.seed(scale=2, stdout=out)
    coalitions_demo.seed(scale=2, stdout=out)
    assert counts()[0] == 4 and counts()[1] > first[1]
