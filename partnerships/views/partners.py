"""The partner directory and pages, the partner and contact forms, and the forms that record and end
a relationship, from a partner's page or from an Iraqi CSO's. The CSO profile's section listing its
relationships (organizations.profile_sections) is built here too.

Other sub-domains add panels to the partner page (its agreements, coalitions, visits) with
`register_partner_panel` from their block of PartnershipsConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import posted, query_without_page
from core.pagecache import public_page
from core.permissions import require
from core.viewhelpers import run_service, submitted
from organizations import permissions as organization_permissions
from organizations import selectors as organization_selectors
from partnerships import permissions
from partnerships.forms.partners import (
    ContactForm,
    PartnerFilterForm,
    PartnerForm,
    RelationshipEndForm,
    RelationshipForm,
)
from partnerships.models import Partner
from partnerships.selectors import partners as selectors
from partnerships.services import partners as services

PAGE_SIZE = 20


# Panels of the partner page, added by the other sub-domains ----------------------------------------


@dataclass(frozen=True)
class PartnerPanel:
    key: str
    title: Any
    template: str
    context: Callable[[Any, Partner], dict]
    visible: Callable[[Any, Partner], bool]
    order: int


_panels: dict[str, PartnerPanel] = {}


def register_partner_panel(
    *,
    key: str,
    title,
    template: str,
    context: Callable[[Any, Partner], dict],
    visible: Callable[[Any, Partner], bool] = lambda user, partner: True,
    order: int = 50,
) -> None:
    """A section of the partner page: `template` is included with `partner` and `data`
    (`context(request, partner)`), for the readers `visible(user, partner)` lets in."""
    _panels[key] = PartnerPanel(key, title, template, context, visible, order)


def partner_panels(request, partner: Partner) -> list[dict]:
    return [
        {"key": p.key, "title": p.title, "template": p.template, "context": p.context(request, partner)}
        for p in sorted(_panels.values(), key=lambda p: (p.order, p.key))
        if p.visible(request.user, partner)
    ]


# The directory and the partner page ------------------------------------------------------------


@public_page
def partner_list(request):
    user = request.user
    form = PartnerFilterForm(request.GET or None, user=user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.partners_for_user(user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "can_add": permissions.is_manager(user),
        "staff": permissions.is_staff(user),
    }
    return render(request, "partnerships/partners_list.html", context)


def _relationship_context(request, party, *, everyone: bool = False) -> dict:
    """The relationships of `party` as it reads them, and what the reader may do with them. With
    `everyone`, those with a party that is not public too."""
    user = request.user
    rows = selectors.relationships_of(party, user=None if everyone else user)
    return {
        "rows": rows,
        "endable": selectors.endable(user, rows),
        "can_record": permissions.is_manager(user),
        "party_key": selectors.party_key(party),
        "partner_staff": permissions.is_staff(user),
        "organization_staff": organization_permissions.is_staff_viewer(user),
        "evidence_readers": {
            row.relationship.pk
            for row in rows
            if row.relationship.evidence_file and permissions.can_download_relationship_evidence(user, row.relationship)
        },
    }


def partner_detail(request, pk):
    partner = selectors.partner_for_user_or_404(request.user, pk)
    context = {
        "partner": partner,
        "contacts": selectors.contacts_for(request.user, partner),
        "relationships": _relationship_context(request, partner),
        "can_manage": permissions.can_manage_partner(request.user, partner),
        "panels": partner_panels(request, partner),
    }
    return render(request, "partnerships/partners_detail.html", context)


def organization_section(request, organization) -> dict:
    """The CSO profile's "Partners and relationships" section: its relationships read from its end.
    The profile is open to more programme roles than the partnership staff: the CSO's own members
    and the partnership staff see every relationship; the others (trainers, grant officers, lawyers...)
    those whose other party is public."""
    user = request.user
    everyone = permissions.is_staff(user) or permissions.is_cso_member(user, organization)
    return _relationship_context(request, organization, everyone=everyone)


# Adding and editing partners and contacts --------------------------------------------------------


@require(permissions.is_manager)
def partner_add(request):
    form = PartnerForm(posted(request), user=request.user)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.partner_create(actor=request.user, data=form.cleaned_data),
            form=form,
            success=_("The partner is added."),
        )
        if done:
            return redirect(done.value)
    return render(request, "partnerships/partners_form.html", {"form": form, "partner": None})


@require(permissions.is_manager)
def partner_edit(request, pk):
    partner = selectors.partner_for_user_or_404(request.user, pk, may=permissions.can_manage_partner)
    form = PartnerForm(posted(request), instance=partner, user=request.user)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.partner_update(actor=request.user, partner=partner, data=form.cleaned_data),
            form=form,
            success=_("The changes are saved."),
        )
        if done:
            return redirect(done.value)
    return render(
        request,
        "partnerships/partners_form.html",
        {"form": form, "partner": selectors.partner_for_user_or_404(request.user, pk)},
    )


@require(permissions.is_manager)
def contact_add(request, pk):
    partner = selectors.partner_for_user_or_404(request.user, pk, may=permissions.can_manage_partner)
    form = ContactForm(posted(request))
    if submitted(request, form) and run_service(
        request,
        lambda: services.contact_add(actor=request.user, partner=partner, data=form.cleaned_data),
        form=form,
        success=_("The contact is added."),
    ):
        return redirect(partner)
    return render(request, "partnerships/partners_contact_form.html", {"form": form, "partner": partner})


@require(permissions.is_manager)
def contact_edit(request, pk, contact_pk):
    partner = selectors.partner_for_user_or_404(request.user, pk, may=permissions.can_manage_partner)
    contact = selectors.contact_of_or_404(partner, contact_pk)
    form = ContactForm(posted(request), instance=contact)
    if submitted(request, form) and run_service(
        request,
        lambda: services.contact_update(actor=request.user, contact=contact, data=form.cleaned_data),
        form=form,
        success=_("The changes are saved."),
    ):
        return redirect(partner)
    context = {"form": form, "partner": partner, "contact": selectors.contact_of_or_404(partner, contact_pk)}
    return render(request, "partnerships/partners_contact_form.html", context)


@require(permissions.is_manager)
@require_POST
def contact_remove(request, pk, contact_pk):
    partner = selectors.partner_for_user_or_404(request.user, pk, may=permissions.can_manage_partner)
    contact = selectors.contact_of_or_404(partner, contact_pk)
    run_service(
        request,
        lambda: services.contact_remove(actor=request.user, contact=contact),
        success=_("The contact is removed."),
    )
    return redirect(partner)


# Recording and ending relationships ------------------------------------------------------------


def _party_page(party):
    if isinstance(party, Partner):
        return redirect(party)
    return redirect("organizations:detail", pk=party.pk)


def _relationship_add(request, party):
    """`party` <relationship> <the other party>: the other party and the reading picked in the form.
    The reader must manage the centre of one of the two (or be a programme admin)."""
    form = RelationshipForm(posted(request), request.FILES or None, party=party)
    if submitted(request, form):
        arguments = form.service_arguments()
        if not permissions.can_record_relationship(request.user, party, arguments["other"]):
            form.add_error(
                "other",
                _("You record the relationships of your centre's organisations and partners only."),
            )
        elif run_service(
            request,
            lambda: services.relationship_add(actor=request.user, party=party, **arguments),
            form=form,
            success=_("The relationship is recorded. Both organisations' pages show it."),
        ):
            return _party_page(party)
    context = {"form": form, "party": party, "party_is_partner": isinstance(party, Partner)}
    return render(request, "partnerships/partners_relationship_form.html", context)


@require(permissions.is_manager)
def partner_relationship_add(request, pk):
    return _relationship_add(request, selectors.partner_for_user_or_404(request.user, pk))


@require(permissions.is_manager)
def organization_relationship_add(request, pk):
    return _relationship_add(request, organization_selectors.organization_for_user_or_404(request.user, pk))


@require(permissions.is_manager)
def relationship_end(request, pk):
    """Ends an active relationship on a date (it stays on both pages, as ended); back to the page
    of the party it was ended from (`?from=<party key>`), else of its source."""
    relationship = selectors.relationship_for_user_or_404(request.user, pk, may=permissions.can_end_relationship)
    ends = {
        selectors.party_key(relationship.source): relationship.source,
        selectors.party_key(relationship.target): relationship.target,
    }
    origin = request.GET.get("from", "")
    back = ends.get(origin, relationship.source)
    form = RelationshipEndForm(posted(request))
    if submitted(request, form) and run_service(
        request,
        lambda: services.relationship_end(actor=request.user, relationship=relationship, **form.cleaned_data),
        form=form,
        success=_("The relationship is ended. It stays on both pages, with its dates."),
    ):
        return _party_page(back)
    context = {
        "form": form,
        "relationship": relationship,
        "origin": origin if origin in ends else "",
        "back": back,
        "back_is_partner": isinstance(back, Partner),
    }
    return render(request, "partnerships/partners_relationship_end.html", context)
