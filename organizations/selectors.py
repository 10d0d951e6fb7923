from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AnyUser
from organizations import permissions
from organizations.leadership import composition_on
from organizations.models import Assessment, LeadershipMember, Membership, Organization, VerificationStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def search_organizations(queryset: QuerySet, q: str) -> QuerySet:
    """Full-text search over names, acronym, district and description in any script (the 'simple'
    configuration does not stem, so Arabic and Kurdish words match as typed), plus a substring match
    on the names so a partial word still finds the organisation."""
    q = q.strip()
    if not q:
        return queryset
    query = SearchQuery(q, search_type="websearch", config="simple")
    return (
        queryset.filter(Q(search_vector=query) | Q(name__icontains=q) | Q(name_en__icontains=q) | Q(acronym__iexact=q))
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "name")
    )


def directory(*, filters: dict) -> QuerySet[Organization]:
    """The staff directory: every organisation, filtered."""
    organizations = Organization.objects.select_related("nearest_centre").order_by("name")
    if filters.get("governorate"):
        organizations = organizations.filter(governorate=filters["governorate"])
    if filters.get("centre"):
        organizations = organizations.filter(nearest_centre=filters["centre"])
    if filters.get("thematic_area"):
        organizations = organizations.filter(thematic_areas__contains=[filters["thematic_area"]])
    if filters.get("verification_status"):
        organizations = organizations.filter(verification_status=filters["verification_status"])
    if filters.get("women_led"):
        organizations = organizations.filter(is_women_led=True)
    if filters.get("youth_led"):
        organizations = organizations.filter(is_youth_led=True)
    return search_organizations(organizations, filters.get("q") or "")


def public_directory(*, q: str = "", governorate: str = "") -> QuerySet[Organization]:
    organizations = Organization.objects.filter(is_published=True).only(
        "id", "name", "name_en", "acronym", "governorate", "district", "thematic_areas", "description", "logo"
    )
    if governorate:
        organizations = organizations.filter(governorate=governorate)
    return search_organizations(organizations.order_by("name"), q)


def organizations_of(user: AnyUser) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user).order_by("name")


def organization_for_user_or_404(
    user: AnyUser, pk: int, *, may: Callable[[AnyUser, Organization], bool] | None = None
) -> Organization:
    """Fetches and authorises in one step: another tenant's organisation answers 404; one the person
    sees but may not act on as `may(user, organization)` asks answers 403."""
    organization = (
        Organization.objects.select_related("nearest_centre", "verified_by")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("user")))
        .filter(pk=pk)
        .first()
    )
    if organization is None:
        raise Http404
    organization._membership_roles = {m.user_id: m.role for m in organization.memberships.all()}  # type: ignore[attr-defined]  # read by permissions.membership_role
    if not permissions.can_view_organization(user, organization):
        raise Http404
    if may is not None and not may(user, organization):
        raise PermissionDenied
    return organization


def published_organization_or_404(pk: int) -> Organization:
    organization = Organization.objects.filter(pk=pk, is_published=True).first()
    if organization is None:
        raise Http404
    return organization


def assessments_with_scores(organization: Organization) -> list[Assessment]:
    return list(
        organization.assessments.select_related("template", "conducted_by")
        .prefetch_related("scores__indicator__dimension")
        .order_by("assessed_on", "pk")
    )


def dimension_averages(assessment: Assessment) -> dict[str, float]:
    """Average score per dimension (code -> average), over scored indicators."""
    totals: dict[str, list[int]] = {}
    for score in assessment.scores.all():
        if score.score is not None:
            totals.setdefault(score.indicator.dimension.code, []).append(score.score)
    return {code: round(sum(values) / len(values), 2) for code, values in totals.items()}


def overall_average(assessment: Assessment) -> float | None:
    values = [s.score for s in assessment.scores.all() if s.score is not None]
    return round(sum(values) / len(values), 2) if values else None


def leadership_indicators(*, at: date | None = None, verified_only: bool = False) -> dict[str, Any]:
    """Aggregate counts for the donor: how many organisations had women and youth in leadership,
    and were women- or youth-led, on a date. No names, no personal data."""
    at = at or timezone.localdate()
    # Organisations that existed then (founded that year or before, or founding year unknown).
    organizations = Organization.objects.filter(Q(founded_year__isnull=True) | Q(founded_year__lte=at.year))
    if verified_only:
        organizations = organizations.filter(verification_status=VerificationStatus.VERIFIED)
    members = LeadershipMember.objects.filter(organization__in=organizations, start_date__lte=at).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=at)
    )
    by_organization: dict[int, list] = {}
    for member in members:
        by_organization.setdefault(member.organization_id, []).append(member)
    total = organizations.count()
    compositions = [composition_on(ms, at) for ms in by_organization.values()]
    counts: dict[str, Any] = {
        "date": at,
        "organizations": total,
        "with_leadership_data": len(compositions),
        "with_women_in_leadership": sum(1 for c in compositions if c.women),
        "with_youth_in_leadership": sum(1 for c in compositions if c.youth),
        "women_led": sum(1 for c in compositions if c.women_led),
        "youth_led": sum(1 for c in compositions if c.youth_led),
    }
    for key in ("with_women_in_leadership", "with_youth_in_leadership", "women_led", "youth_led"):
        counts[f"{key}_share"] = round(100 * counts[key] / total, 1) if total else 0.0
    return counts


def counts_by_verification() -> list[tuple["StrOrPromise", int]]:
    counts = dict(
        Organization.objects.values("verification_status")
        .annotate(n=Count("id"))
        .values_list("verification_status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in VerificationStatus.choices]


def indicator_rows() -> Iterator[tuple[str, str, str, int]]:
    """For the programme indicators export: women and youth in CSO leadership today."""
    data = leadership_indicators()
    area = _("Organisations")
    yield area, _("Organisations that existed on that date"), _("Total"), data["organizations"]
    yield area, _("With at least one woman in leadership"), _("Total"), data["with_women_in_leadership"]
    yield area, _("With at least one young person (15-29) in leadership"), _("Total"), data["with_youth_in_leadership"]
    yield area, _("Women-led"), _("Total"), data["women_led"]
    yield area, _("Youth-led"), _("Total"), data["youth_led"]
