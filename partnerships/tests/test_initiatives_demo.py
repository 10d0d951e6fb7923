"""The initiatives' demo, after the staff, CSOs, partners and coalitions of their own demos: an
Arabic letter open for signature (online and paper signatures, Sara's association still free to
sign), a Kurdish statement delivered to three targets with a response, a meeting and a position
changed, an English draft with two versions; run again it adds nothing; a larger scale adds letters."""

import io

import pytest
from django.utils import timezone

from accounts.models import User
from centers import demo as staff_demo
from core import measures
from core.measures import Query
from organizations import demo as organizations_demo
from partnerships.demo import coalitions as coalitions_demo
from partnerships.demo import initiatives as initiatives_demo
from partnerships.demo import partners as partners_demo
from partnerships.models import Initiative, InitiativeStatus, Signature
from partnerships.selectors.initiatives import signing_choices, with_counts
from partnerships.services import initiatives as services

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return Initiative.objects.count(), Signature.objects.count()


def test_the_demo_makes_an_open_letter_a_delivered_statement_and_a_draft_and_is_idempotent():
    out = io.StringIO()
    for demo in (staff_demo, organizations_demo, partners_demo, coalitions_demo, initiatives_demo):
        demo.seed(scale=1, stdout=out)
    letter = with_counts(Initiative.objects.filter(title=initiatives_demo.WATER_TITLE)).get()
    assert letter.window_is_open() and letter.language == "ar"
    assert letter.online_count >= 4 and letter.paper_count == 2
    assert letter.coalition is not None and letter.coalition.name == "تحالف البصرة لحقوق المياه"
    sara = User.objects.get(email="cso@tatweer.example")
    may_sign, _signed = signing_choices(sara, letter)
    assert may_sign, "Sara can sign the open letter for her association"
    statement = Initiative.objects.get(title=initiatives_demo.NGO_TITLE)
    assert statement.status == InitiativeStatus.DELIVERED and statement.language == "ckb"
    assert set(statement.targets.values_list("kind", flat=True)) == {"ministry", "krg", "eu"}
    assert statement.targets.filter(responses__isnull=False).exists()
    assert set(statement.targets.values_list("outcomes__kind", flat=True)) >= {"meeting", "position"}
    draft = Initiative.objects.get(title=initiatives_demo.DRAFT_TITLE)
    assert draft.status == InitiativeStatus.DRAFT and draft.versions.count() == 2 and draft.language == "en"
    query = Query(end=timezone.localdate())
    assert measures.compute(measures.get("partnerships.initiatives_reaching"), query).total == 1
    assert measures.compute(measures.get("partnerships.initiatives_changing"), query).total == 1
    first = counts()
    initiatives_demo.seed(scale=1, stdout=out)
    assert counts() == first
    services.sign(actor=sara, initiative=letter, organization=may_sign[0])
    organizations_demo.seed(scale=2, stdout=out)
    initiatives_demo.seed(scale=2, stdout=out)
    assert Initiative.objects.filter(title__startswith=initiatives_demo.WATER_TITLE).count() == 2
