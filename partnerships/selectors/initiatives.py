"""Reads of joint initiatives, scoped to the reader: the list (public ones for everybody, a CSO's own
drafts for its members, everything for programme staff), one initiative with what its page shows,
its signatories, and the signature lists issued (found by code or by the SHA-256 of a file)."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import AnyUser, User
from organizations.models import MembershipRole, Organization, VerificationStatus
from partnerships import permissions
from partnerships.models import (
    AdvocacyTarget,
    Initiative,
    InitiativeStatus,
    InitiativeVersion,
    PaperSignature,
    Signature,
    SignatureSheet,
)

PUBLIC_STATES = (InitiativeStatus.PUBLISHED, InitiativeStatus.DELIVERED)


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated count (one subquery per column, never a join that multiplies rows)."""
    counted = queryset.filter(initiative=OuterRef("pk")).order_by().values("initiative").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


def with_counts(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """`online_count` (signatures not withdrawn) and `paper_count`, counted apart."""
    return initiatives.annotate(
        online_count=_count(Signature.objects.filter(withdrawn_at__isnull=True)),
        paper_count=_count(PaperSignature.objects.all()),
    )


def _own(user: User) -> Q:
    """The initiatives of the CSOs the person belongs to, and of the coalitions they are in."""
    member_of = Organization.objects.filter(memberships__user=user).values("pk")
    return Q(lead_organization__in=member_of) | Q(
        coalition__members__organization__in=member_of, coalition__members__left_on__isnull=True
    )


def initiatives_for_user(user: AnyUser) -> QuerySet[Initiative]:
    """What the person may see, as `can_view_initiative` says, with the list's joins and counts."""
    initiatives = Initiative.objects.all()
    if not permissions.is_staff(user):
        visible = Q(status__in=PUBLIC_STATES)
        if isinstance(user, User):
            visible |= Q(pk__in=Initiative.objects.filter(_own(user)).values("pk"))
        initiatives = initiatives.filter(visible)
    return with_counts(initiatives.select_related("lead_organization", "coalition", "centre")).order_by(
        "-published_at", "-created_at", "-pk"
    )


def initiative_for_user_or_404(user: AnyUser, pk: int) -> Initiative:
    initiative = (
        with_counts(Initiative.objects.all())
        .select_related("lead_organization", "coalition", "centre", "published_version")
        .prefetch_related("coalition__members")
        .filter(pk=pk)
        .first()
    )
    if initiative is None or not permissions.can_view_initiative(user, initiative):
        raise Http404
    return initiative


def target_for_user_or_404(user: AnyUser, pk: int) -> AdvocacyTarget:
    target = (
        AdvocacyTarget.objects.select_related("initiative__lead_organization", "initiative__coalition")
        .select_related("initiative__centre")
        .filter(pk=pk)
        .first()
    )
    if target is None or not permissions.can_see_advocacy(user, target.initiative):
        raise Http404
    return target


def latest_version(initiative: Initiative) -> InitiativeVersion | None:
    return initiative.versions.order_by("-number").first()


def versions_of(initiative: Initiative) -> QuerySet[InitiativeVersion]:
    return initiative.versions.select_related("written_by").order_by("-number")


def text_of(initiative: Initiative) -> InitiativeVersion | None:
    """The text readers see: the frozen version once published, else the latest draft."""
    return initiative.published_version or latest_version(initiative)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, each shown in its own direction (a Kurdish text with an English summary)."""
    return [chunk.strip("\n") for chunk in text.split("\n\n") if chunk.strip()]


@dataclass(frozen=True)
class Signatories:
    online: list[Signature]
    paper: list[PaperSignature]


def signatories(initiative: Initiative) -> Signatories:
    """The CSOs that signed on the platform (withdrawn signatures left out) and on paper, apart."""
    online = Signature.objects.filter(initiative=initiative, withdrawn_at__isnull=True).select_related("organization")
    paper = PaperSignature.objects.filter(initiative=initiative).select_related("organization")
    return Signatories(online=list(online.order_by("signed_at", "pk")), paper=list(paper.order_by("signed_on", "pk")))


def organizations_user_signs_for(user: AnyUser) -> QuerySet[Organization]:
    """The verified CSOs the person administers (those she may sign for: `can_sign_for`)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role=MembershipRole.ADMIN,
        verification_status=VerificationStatus.VERIFIED,
    ).order_by("name", "pk")


def signing_choices(user: AnyUser, initiative: Initiative) -> tuple[list[Organization], list[Organization]]:
    """(the person's CSOs that may still sign, those whose signature she may withdraw)."""
    mine = list(organizations_user_signs_for(user))
    if not mine:
        return [], []
    active = set(
        Signature.objects.filter(initiative=initiative, organization__in=mine, withdrawn_at__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    on_paper = set(
        PaperSignature.objects.filter(initiative=initiative, organization__in=mine).values_list(
            "organization_id", flat=True
        )
    )
    may_sign = [o for o in mine if o.pk not in active and o.pk not in on_paper]
    return may_sign, [o for o in mine if o.pk in active]


def targets_of(initiative: Initiative) -> list[AdvocacyTarget]:
    """The targets with their deliveries, responses and outcomes (four queries, however many)."""
    return list(
        initiative.targets.prefetch_related(
            Prefetch("deliveries"),
            Prefetch("responses"),
            Prefetch("outcomes"),
        ).order_by("pk")
    )


def sheets_of(initiative: Initiative) -> QuerySet[SignatureSheet]:
    return initiative.signature_sheets.order_by("-issued_at", "-pk")


def sheet_by_code(code: str) -> SignatureSheet | None:
    cleaned = "".join(code.split()).upper()
    if not cleaned:
        return None
    return SignatureSheet.objects.select_related("initiative").filter(code=cleaned).first()


def sheet_by_sha256(digest: str) -> SignatureSheet | None:
    return SignatureSheet.objects.select_related("initiative").filter(sha256=digest).first()
