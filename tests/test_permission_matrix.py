"""Walks every URL pattern of the project with every role and checks the answer in tests/access.py."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.models import Room
from centers.tests.factories import centre
from commons.tests.factories import matrix_objects as commons_matrix_objects
from core.files import private_file_url
from core.models import ExportJob
from grants.models import (
    Amendment,
    Application,
    BudgetLine,
    Clarification,
    FollowUpAction,
    GrantAgreement,
    GrantReport,
    MentoringVisit,
    Payment,
    ReportReceipt,
    RequiredAttachment,
    ReviewAssignment,
    Tranche,
    TrancheCondition,
)
from grants.tests.factories import published_call
from legal_aid.models import CaseTask, LegalCase, Referral
from notifications.models import Notification
from organizations.models import Assessment, AssessmentTemplate, Membership
from organizations.services import invitation_token
from organizations.tests.factories import LeadershipMemberFactory, document_for, invitation_for, organization_with_admin
from partnerships.tests.factories import matrix_objects as partnerships_matrix_objects
from results.tests.factories import matrix_objects as results_matrix_objects
from tests.access import ACCESS, ADMIN_DEFAULT, ADMIN_LOGIN, ADMIN_OK, ADMIN_SPECIAL, LOGIN, REDIRECT, ROLES
from tests.testapp.models import Attachment
from tests.urlwalk import walk
from trainings.models import Material, Registration, TrainingPackage
from trainings.signed_links import ICAL_SALT, check_in_token
from trainings.tests.factories import ParticipantFactory, published_event

ADMIN_PREFIX = "en/admin/"


def access_for(route):
    if route.name in ACCESS:
        return ACCESS[route.name]
    if route.pattern.startswith(ADMIN_PREFIX):
        return ADMIN_SPECIAL.get(route.name, ADMIN_DEFAULT)
    return None


def test_every_url_is_in_the_access_table():
    routes = walk()
    missing = [r.name for r in routes if access_for(r) is None]
    assert not missing, f"URLs missing from tests/access.py: {missing}"
    stale = set(ACCESS) - {r.name for r in routes}
    assert not stale, f"tests/access.py lists URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def ctx(db, role_users):
    return matrix_objects(role_users)


def matrix_objects(role_users):
    """The objects the access table's URLs name (tests/test_fuzz.py builds them once per module)."""
    other = UserFactory()
    attachment = Attachment.objects.create(
        owner=other, original_filename="a.pdf", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")
    )
    # An organisation none of the role users belongs to, near the Erbil centre where the centre
    # roles in the matrix work, with a second member, leadership, a document and an assessment.
    organization, _admin = organization_with_admin(admin=other, is_published=True, verification_status="verified")
    member = Membership.objects.create(organization=organization, user=UserFactory(), role="member")
    baseline = Assessment.objects.create(
        organization=organization,
        template=AssessmentTemplate.objects.get(is_active=True),
        kind="baseline",
        assessed_on=date(2025, 1, 1),
    )
    invitation = invitation_for(organization)
    # A published event at the Erbil centre, with the matrix trainer as its trainer and somebody
    # else's registration.
    event = published_event(centre_slug="erbil")
    event.trainers.add(role_users[Role.TRAINER])
    stranger = ParticipantFactory(user=UserFactory())
    registration = Registration.objects.create(event=event, participant=stranger, status="registered")
    call = published_call()
    application = Application.objects.create(call=call, organization=organization)
    awarded = Application.objects.create(
        call=published_call(code="AGR-1"),
        organization=organization,
        status="submitted",
        reference="AGR-1-0001",
        submitted_at=timezone.now(),
        eligibility="eligible",
        decision="award",
    )
    agreement = GrantAgreement.objects.create(
        application=awarded,
        number="G-1",
        amount=Decimal("1000"),
        currency="USD",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    tranche = Tranche.objects.create(
        agreement=agreement, number=1, amount=Decimal("600"), planned_date=date(2026, 2, 1)
    )
    paid_tranche = Tranche.objects.create(
        agreement=agreement, number=2, amount=Decimal("400"), planned_date=date(2026, 6, 1)
    )
    visit = MentoringVisit.objects.create(
        agreement=agreement, held_on=date(2026, 3, 1), mentor=other, topics="Finance", findings="Fine."
    )
    report = GrantReport.objects.create(
        agreement=agreement, kind="interim", due_on=date(2026, 6, 30), status="submitted", submitted_at=timezone.now()
    )
    legal_case = LegalCase.objects.create(
        reference="LA-TEST-1",
        organization=organization,
        category="labour",
        description="A question about contracts.",
        preferred_centre=centre("erbil"),
        consent_data_use=True,
        channel="online",
        requested_by=other,
    )
    return SimpleNamespace(
        **results_matrix_objects(other),
        **commons_matrix_objects(UserFactory()),
        **partnerships_matrix_objects(UserFactory()),
        legal_case=legal_case,
        legal_task=CaseTask.objects.create(
            case=legal_case, kind="hearing", title="Hearing", due_at=timezone.now(), assigned_to=other
        ),
        legal_referral=Referral.objects.create(
            case=legal_case, organization_name="Bar association", reason="Court case", basis="consent"
        ),
        agreement=agreement,
        report=report,
        receipt=ReportReceipt.objects.create(
            report=report, file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 test"), original_filename="r.pdf"
        ),
        amendment=Amendment.objects.create(
            agreement=agreement,
            number=1,
            kind="extension",
            justification="Late start.",
            new_end_date=date(2027, 2, 28),
            requested_by=other,
        ),
        follow_up=FollowUpAction.objects.create(visit=visit, description="Open a bank account"),
        tranche=tranche,
        condition=TrancheCondition.objects.create(tranche=tranche, kind="other", text="Visit"),
        payment=Payment.objects.create(
            tranche=paid_tranche,
            amount=Decimal("400"),
            paid_currency="USD",
            paid_on=date(2026, 6, 2),
            reference="T",
            requested_by=other,
            approved_by=UserFactory(),
        ),
        call=call,
        application=application,
        required_attachment=RequiredAttachment.objects.create(call=call, name="Registration certificate"),
        assignment=ReviewAssignment.objects.create(
            application=application, reviewer=UserFactory(roles=[Role.REVIEWER])
        ),
        budget_line=BudgetLine.objects.create(
            application=application,
            category="staff",
            description="Coordinator",
            unit="month",
            quantity=6,
            unit_cost=500,
        ),
        clarification=Clarification.objects.create(call=call, question="Q?", answer="A."),
        event=event,
        session=event.sessions.first(),
        registration=registration,
        check_in_token=check_in_token(registration),
        material=Material.objects.create(
            package=TrainingPackage.objects.get(code="fundraising"),
            title="Handbook",
            language="en",
            file=SimpleUploadedFile("h.pdf", b"%PDF-1.4 handbook"),
            original_filename="h.pdf",
            visibility="cso",
        ),
        ical_token=signing.dumps(stranger.user_id, salt=ICAL_SALT),
        room=Room.objects.create(centre=centre("erbil"), name="Matrix room", capacity=10),
        other_user=other,
        other_file_token=private_file_url(attachment, "file").rstrip("/").rsplit("/", 1)[-1],
        other_notification=Notification.objects.create(recipient=other, kind="roles_changed", subject="x"),
        organization=organization,
        member=member,
        leader=LeadershipMemberFactory(organization=organization),
        document=document_for(organization),
        assessment=baseline,
        invitation=invitation,
        invitation_token=invitation_token(invitation),
        other_export=ExportJob.objects.create(user=other, kind="organizations", format="csv"),
    )


def admin_kwargs(route, ctx):
    kwargs = {}
    for argument in route.arguments:
        if argument == "app_label":
            kwargs[argument] = "accounts"
        elif argument == "object_id":
            app_label, _, rest = route.name.removeprefix("admin:").partition("_")
            model_name = rest.rsplit("_", 1)[0]
            app_models = apps.get_app_config(app_label).get_models() if app_label in apps.app_configs else []
            model = next((m for m in app_models if m._meta.model_name == model_name), None)
            instance = model._default_manager.order_by("pk").first() if model else None
            kwargs[argument] = str(instance.pk) if instance else "0"
        elif argument == "content_type_id":
            kwargs[argument] = str(ContentType.objects.get_for_model(ctx.other_user).pk)
        elif argument == "id":
            kwargs[argument] = str(ctx.other_user.pk)
        else:
            kwargs[argument] = "x"
    return kwargs


def url_for(route, rule, ctx):
    if route.name.startswith("<unnamed"):
        return "/" + route.pattern.replace("<path:object_id>", "1").replace("(?P<url>.*)$", "nowhere/")
    kwargs = rule.kwargs(ctx) if rule.kwargs else admin_kwargs(route, ctx) if route.arguments else {}
    return reverse(route.name, kwargs=kwargs)


def verdict(response, expected) -> bool:
    location = response.headers.get("Location", "")
    login = reverse("account_login")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(login)
    if expected == REDIRECT:
        return 300 <= response.status_code < 400 and not location.startswith(login)
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and "/admin/login/" in location
    if expected == ADMIN_OK:
        return response.status_code in (200, 302) and "/admin/login/" not in location
    return response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, role_users, ctx, client):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    failures = []
    for route in walk():
        rule = access_for(route)
        url = url_for(route, rule, ctx)
        data = rule.data(ctx) if rule.data else {}
        response = getattr(client, rule.method)(url, data)
        expected = rule.expected(role)
        if not verdict(response, expected):
            failures.append(
                f"{route.name} {rule.method.upper()} {url}: expected {expected}, got {response.status_code} "
                f"{response.headers.get('Location', '')}"
            )
        if user is not None and not client.session.get("_auth_user_id"):
            client.force_login(user)  # a page that signs out (none should on GET) must not hide later failures
    assert not failures, "\n".join(failures)
