"""The network view: counts per governorate, and the drill-down for one governorate or one CSO (its
partners, coalitions, agreements and initiatives). Programme staff and the donor; the donor sees the
counts and what is public (partnerships.selectors.network says precisely what)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.forms import query_without_page
from core.permissions import require
from partnerships import permissions
from partnerships.selectors import network as selectors

PAGE_SIZE = 50


@require(permissions.can_see_network)
def network(request):
    rows = selectors.counts_by_governorate()
    context = {"rows": rows, "details": permissions.can_see_network_details(request.user)}
    return render(request, "partnerships/network.html", context)


@require(permissions.can_see_network)
def network_governorate(request, governorate):
    code, label = selectors.governorate_or_404(governorate)
    user = request.user
    counts = next(row for row in selectors.counts_by_governorate() if row.code == code)
    organizations = Paginator(selectors.governorate_organizations(user, code), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "code": code,
        "label": label,
        "items": [
            ("organizations", _("CSOs with an active relationship"), counts.organizations),
            ("partners", _("Partners working there"), counts.partners),
            ("coalitions", _("Coalitions with members there"), counts.coalitions),
            ("agreements", _("Active agreements"), counts.agreements),
            ("initiatives", _("Published initiatives led from there"), counts.initiatives),
        ],
        "page": organizations,
        "query": query_without_page(request),
        "partners": selectors.governorate_partners(user, code),
        "coalitions": selectors.governorate_coalitions(user, code),
        "agreements": selectors.governorate_agreements(user, code),
        "initiatives": selectors.governorate_initiatives(user, code),
        "details": permissions.can_see_network_details(user),
    }
    return render(request, "partnerships/network_governorate.html", context)


@require(permissions.can_see_network)
def network_organization(request, pk):
    user = request.user
    organization = selectors.network_organization_or_404(user, pk)
    context = {
        "organization": organization,
        "items": [
            ("partners", _("Active relationships"), organization.partner_count),  # type: ignore[attr-defined]
            ("coalitions", _("Coalitions"), organization.coalition_count),  # type: ignore[attr-defined]
            ("agreements", _("Active agreements"), organization.agreement_count),  # type: ignore[attr-defined]
            ("initiatives", _("Published initiatives"), organization.initiative_count),  # type: ignore[attr-defined]
        ],
        "links": selectors.organization_links(user, organization),
        "memberships": selectors.organization_coalitions(user, organization),
        "agreements": selectors.organization_agreements(user, organization),
        "initiatives": selectors.organization_initiatives(user, organization),
        "details": permissions.can_see_network_details(user),
    }
    return render(request, "partnerships/network_organization.html", context)
