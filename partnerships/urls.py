"""The partnerships pages, under /partnerships/ (each sub-domain's views in partnerships/views/)."""

from django.urls import path

from partnerships.views import (
    agreements,
    agreements_parties,
    coalitions,
    initiative_advocacy,
    initiatives,
    network,
    partners,
    visits,
)

app_name = "partnerships"

urlpatterns = [
    # --- partners and relationships ---
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/new/", partners.partner_add, name="partner_add"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/contacts/new/", partners.contact_add, name="contact_add"),
    path("partners/<int:pk>/contacts/<int:contact_pk>/edit/", partners.contact_edit, name="contact_edit"),
    path("partners/<int:pk>/contacts/<int:contact_pk>/remove/", partners.contact_remove, name="contact_remove"),
    path(
        "partners/<int:pk>/relationships/new/",
        partners.partner_relationship_add,
        name="partner_relationship_add",
    ),
    path(
        "organisations/<int:pk>/relationships/new/",
        partners.organization_relationship_add,
        name="organization_relationship_add",
    ),
    path("relationships/<int:pk>/end/", partners.relationship_end, name="relationship_end"),
    # --- end partners ---
    # --- agreements ---
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_add, name="agreement_add"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/negotiate/", agreements.agreement_negotiate, name="agreement_negotiate"),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/activate/", agreements.agreement_activate, name="agreement_activate"),
    path("agreements/<int:pk>/terminate/", agreements.agreement_terminate, name="agreement_terminate"),
    path("agreements/<int:pk>/renew/", agreements.agreement_renew, name="agreement_renew"),
    path("agreements/<int:pk>/parties/new/", agreements_parties.party_add, name="agreement_party_add"),
    path("agreements/parties/<int:pk>/sign/", agreements_parties.party_sign, name="agreement_party_sign"),
    path("agreements/parties/<int:pk>/remove/", agreements_parties.party_remove, name="agreement_party_remove"),
    path("agreements/<int:pk>/obligations/new/", agreements_parties.obligation_add, name="obligation_add"),
    path("agreements/obligations/<int:pk>/", agreements_parties.obligation_update, name="obligation_update"),
    # --- end agreements ---
    # --- exchange visits ---
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/new/", visits.visit_create, name="visit_create"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", visits.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/visitors/new/", visits.visitor_add, name="visitor_add"),
    path("visits/<int:pk>/visitors/<int:visitor_pk>/assign/", visits.visitor_assign, name="visitor_assign"),
    path("visits/<int:pk>/visitors/<int:visitor_pk>/remove/", visits.visitor_remove, name="visitor_remove"),
    path("visits/<int:pk>/itinerary/new/", visits.itinerary_add, name="itinerary_add"),
    path("visits/<int:pk>/itinerary/<int:item_pk>/", visits.itinerary_edit, name="itinerary_edit"),
    path("visits/<int:pk>/itinerary/<int:item_pk>/remove/", visits.itinerary_remove, name="itinerary_remove"),
    path("visits/<int:pk>/practices/new/", visits.practice_add, name="practice_add"),
    path("visits/<int:pk>/practices/<int:practice_pk>/", visits.practice_edit, name="practice_edit"),
    path("visits/<int:pk>/practices/<int:practice_pk>/remove/", visits.practice_remove, name="practice_remove"),
    path("follow-ups/", visits.follow_up_list, name="follow_up_list"),
    path("follow-ups/<int:pk>/", visits.follow_up_record, name="follow_up_record"),
    # --- end visits ---
    # --- coalitions and network view ---
    path("coalitions/", coalitions.coalition_list, name="coalition_list"),
    path("coalitions/new/", coalitions.coalition_start, name="coalition_start"),
    path("coalitions/<int:pk>/", coalitions.coalition_detail, name="coalition_detail"),
    path("coalitions/<int:pk>/edit/", coalitions.coalition_edit, name="coalition_edit"),
    path("coalitions/<int:pk>/members/new/", coalitions.member_add, name="coalition_member_add"),
    path("coalitions/<int:pk>/members/<int:member_pk>/role/", coalitions.member_role, name="coalition_member_role"),
    path("coalitions/<int:pk>/members/<int:member_pk>/leave/", coalitions.member_leave, name="coalition_member_leave"),
    path("network/", network.network, name="network"),
    path("network/cso/<int:pk>/", network.network_organization, name="network_organization"),
    path("network/<slug:governorate>/", network.network_governorate, name="network_governorate"),
    # --- end coalitions ---
    # --- initiatives ---
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/new/", initiatives.initiative_new, name="initiative_new"),
    path("initiatives/verify/", initiative_advocacy.initiative_verify, name="initiative_verify"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/versions/", initiatives.initiative_versions, name="initiative_versions"),
    path("initiatives/<int:pk>/publish/", initiatives.initiative_publish, name="initiative_publish"),
    path("initiatives/<int:pk>/withdraw/", initiatives.initiative_withdraw, name="initiative_withdraw"),
    path("initiatives/<int:pk>/sign/", initiatives.initiative_sign, name="initiative_sign"),
    path(
        "initiatives/<int:pk>/sign/withdraw/",
        initiatives.initiative_signature_withdraw,
        name="initiative_signature_withdraw",
    ),
    path("initiatives/<int:pk>/paper/", initiative_advocacy.initiative_paper, name="initiative_paper"),
    path("initiatives/<int:pk>/targets/new/", initiative_advocacy.initiative_target_new, name="initiative_target_new"),
    path(
        "initiatives/targets/<int:pk>/deliveries/new/",
        initiative_advocacy.initiative_delivery_new,
        name="initiative_delivery_new",
    ),
    path(
        "initiatives/targets/<int:pk>/responses/new/",
        initiative_advocacy.initiative_response_new,
        name="initiative_response_new",
    ),
    path(
        "initiatives/targets/<int:pk>/outcomes/new/",
        initiative_advocacy.initiative_outcome_new,
        name="initiative_outcome_new",
    ),
    # --- end initiatives ---
]

__all__ = ["path", "urlpatterns"]
