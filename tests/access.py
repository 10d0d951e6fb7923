"""The access table: every URL of the project with the answer each role must get.

The permission-matrix test walks every URL pattern and fails for one that is not listed here, so a
new page cannot ship without deciding who may see it. Expected answers:

- an HTTP status (200, 403, 404, 405),
- LOGIN: sent to the sign-in page (anonymous visitors),
- REDIRECT: sent elsewhere (e.g. a signed-in person opening the sign-up page goes to the dashboard),
- ADMIN_LOGIN / ADMIN_OK: Django's admin site, where only programme admins get in.

Roles: "anonymous", "cso_member" (signed in, no programme role) and every programme role.
"""

from dataclasses import dataclass, field

from accounts.roles import Role

LOGIN = "login"
REDIRECT = "redirect"
ADMIN_LOGIN = "admin-login"
ADMIN_OK = "admin-ok"

ROLES = ("anonymous", "cso_member", *Role.values)
SIGNED_IN = tuple(r for r in ROLES if r != "anonymous")


@dataclass(frozen=True)
class Access:
    """`default` for every role not named in `roles`. `kwargs(ctx)` builds the URL arguments;
    `method` and `data(ctx)` say how to call it."""

    default: object
    roles: dict = field(default_factory=dict)
    kwargs: object = None
    method: str = "get"
    data: object = None

    def expected(self, role: str):
        return self.roles.get(role, self.default)


def only(*roles, ok=200, others=403, anonymous=LOGIN):
    return {"anonymous": anonymous, **{r: (ok if r in roles else others) for r in SIGNED_IN}}


def members(answer=200):
    """Every signed-in person gets `answer`; anonymous visitors are sent to sign in."""
    return Access(answer, {"anonymous": LOGIN})


def visitors_only():
    """Pages for people not signed in (sign-in, sign-up): signed-in people are sent on."""
    return Access(REDIRECT, {"anonymous": 200})


ACCESS = {
    # Machine endpoints and language switching
    "healthz": Access(200),
    # The platform's service worker script: public, the same for everyone.
    "platform_service_worker": Access(200),
    "set_language": Access(REDIRECT, method="post", data=lambda ctx: {"language": "ar", "next": "/en/"}),
    # core
    "core:home": Access(REDIRECT, {"anonymous": 200}),
    "core:dashboard": members(),
    "core:audit": Access(None, only(Role.PROGRAMME_ADMIN)),
    # Another person's private file: nobody else may download it, and nobody learns it exists.
    "core:private_file": Access(404, {"anonymous": LOGIN}, kwargs=lambda ctx: {"token": ctx.other_file_token}),
    # allauth: accounts
    "account_login": visitors_only(),
    "account_signup": visitors_only(),
    "account_logout": Access(200, {"anonymous": REDIRECT}),
    "account_inactive": Access(200),
    "account_reauthenticate": members(),
    # Confirming a code makes sense only after one was requested: otherwise people are sent back.
    "account_request_reauthentication_code": members(),
    "account_confirm_reauthentication_code": Access(REDIRECT, {"anonymous": LOGIN}),
    "account_confirm_login_code": Access(REDIRECT, {"anonymous": LOGIN}),
    "account_email": members(),
    "account_email_verification_sent": Access(200),
    "account_change_password": members(),
    "account_set_password": Access(REDIRECT, {"anonymous": LOGIN}),
    "account_reset_password": Access(200),
    "account_reset_password_done": Access(200),
    "account_reset_password_from_key": Access(200, kwargs=lambda ctx: {"uidb36": "zz", "key": "not-a-real-key"}),
    "account_reset_password_from_key_done": Access(200),
    "account_confirm_email": Access(200, kwargs=lambda ctx: {"key": "not-a-real-key"}),
    # allauth: two-factor authentication
    "mfa_index": members(),
    # The second step of signing in: only during a sign-in, otherwise back to the sign-in page.
    "mfa_authenticate": Access(REDIRECT, {"anonymous": LOGIN}),
    # Staff confirm who they are with their app; CSO members (no app here) with their password.
    "mfa_reauthenticate": Access(200, {"anonymous": LOGIN, "cso_member": REDIRECT}),
    # Changing two-factor settings needs a recent sign-in (these tests sign in without one): everyone
    # is first sent to confirm their password. Staff in this table have an app and recovery codes.
    "mfa_activate_totp": Access(REDIRECT, {"anonymous": LOGIN}),
    "mfa_deactivate_totp": Access(REDIRECT, {"anonymous": LOGIN, "cso_member": 404}),
    "mfa_view_recovery_codes": Access(REDIRECT, {"anonymous": LOGIN, "cso_member": 404}),
    "mfa_generate_recovery_codes": Access(REDIRECT, {"anonymous": LOGIN}),
    "mfa_download_recovery_codes": Access(REDIRECT, {"anonymous": LOGIN, "cso_member": 404}),
    # accounts
    "accounts:profile": members(),
    # notifications: each person's own
    "notifications:list": members(),
    "notifications:preferences": members(),
    "notifications:mark_all_read": Access(REDIRECT, {"anonymous": LOGIN}, method="post"),
    "notifications:open": Access(
        404, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.other_notification.pk}, method="post"
    ),
    # centres
    "centers:list": Access(200),
    "centers:detail": Access(200, kwargs=lambda ctx: {"slug": "mosul"}),
    "centers:people": Access(None, only(Role.PROGRAMME_ADMIN)),
    "centers:person_roles": Access(None, only(Role.PROGRAMME_ADMIN), kwargs=lambda ctx: {"pk": ctx.other_user.pk}),
}

# Organisations. The matrix organisation is another tenant for every role user: its pages answer
# 404 to CSO members and to the donor; programme staff view it; only its own admins (and programme
# admins) change it; centre staff and managers verify it because it sits near their (Erbil) centre.
STAFF_VIEWERS = (
    Role.PROGRAMME_ADMIN,
    Role.CENTRE_MANAGER,
    Role.CENTRE_STAFF,
    Role.TRAINER,
    Role.GRANT_OFFICER,
    Role.FINANCE_OFFICER,
    Role.REVIEWER,
    Role.LEGAL_COORDINATOR,
    Role.LAWYER,
)
HIDDEN = {"anonymous": LOGIN, "cso_member": 404, Role.DONOR: 404}


def org_page(*allowed, ok=200, **kw):
    """A page of the matrix organisation: `ok` for `allowed`, 403 for other staff, 404 for the rest."""
    return Access(None, {**only(*allowed, ok=ok), **HIDDEN}, **kw)


ORG = {
    "kwargs": lambda ctx: {"pk": ctx.organization.pk},
}
ACCESS.update(
    {
        "organizations:directory": Access(None, only(*STAFF_VIEWERS)),
        "organizations:public_directory": Access(200),
        "organizations:public_profile": Access(200, kwargs=lambda ctx: {"pk": ctx.organization.pk}),
        "organizations:indicators": Access(None, only(*STAFF_VIEWERS, Role.DONOR)),
        "organizations:register": members(),
        "organizations:invitation": Access(200, kwargs=lambda ctx: {"token": ctx.invitation_token}),
        "organizations:detail": org_page(*STAFF_VIEWERS, **ORG),
        "organizations:edit": org_page(Role.PROGRAMME_ADMIN, **ORG),
        # Switching to an organisation one is not a member of: not found.
        "organizations:switch": Access(404, {"anonymous": LOGIN}, method="post", **ORG),
        "organizations:leadership_add": org_page(Role.PROGRAMME_ADMIN, **ORG),
        "organizations:leadership_edit": org_page(
            Role.PROGRAMME_ADMIN, kwargs=lambda ctx: {"pk": ctx.organization.pk, "member_pk": ctx.leader.pk}
        ),
        "organizations:leadership_delete": org_page(
            Role.PROGRAMME_ADMIN,
            ok=REDIRECT,
            method="post",
            kwargs=lambda ctx: {"pk": ctx.organization.pk, "member_pk": ctx.leader.pk},
        ),
        # An empty invitation form is shown again with its errors.
        "organizations:invite": org_page(Role.PROGRAMME_ADMIN, method="post", **ORG),
        "organizations:invitation_revoke": org_page(
            Role.PROGRAMME_ADMIN,
            ok=REDIRECT,
            method="post",
            kwargs=lambda ctx: {"pk": ctx.organization.pk, "invitation_pk": ctx.invitation.pk},
        ),
        "organizations:membership_role": org_page(
            Role.PROGRAMME_ADMIN,
            ok=REDIRECT,
            method="post",
            kwargs=lambda ctx: {"pk": ctx.organization.pk, "membership_pk": ctx.member.pk},
        ),
        "organizations:membership_remove": org_page(
            Role.PROGRAMME_ADMIN,
            ok=REDIRECT,
            method="post",
            kwargs=lambda ctx: {"pk": ctx.organization.pk, "membership_pk": ctx.member.pk},
        ),
        "organizations:document_add": org_page(Role.PROGRAMME_ADMIN, **ORG),
        "organizations:document_delete": org_page(
            Role.PROGRAMME_ADMIN,
            ok=REDIRECT,
            method="post",
            kwargs=lambda ctx: {"pk": ctx.organization.pk, "document_pk": ctx.document.pk},
        ),
        "organizations:verify": org_page(
            Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER, Role.CENTRE_MANAGER, Role.CENTRE_STAFF, **ORG
        ),
        "organizations:assessment_start": org_page(
            Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER, Role.CENTRE_MANAGER, Role.CENTRE_STAFF, Role.TRAINER, **ORG
        ),
        "organizations:assessment": org_page(
            *STAFF_VIEWERS, kwargs=lambda ctx: {"pk": ctx.organization.pk, "assessment_pk": ctx.assessment.pk}
        ),
        # Exports: programme staff export the directory; another person's export is not found.
        "core:export_start": Access(
            None, only(*STAFF_VIEWERS, ok=REDIRECT), method="post", kwargs=lambda ctx: {"kind": "organizations"}
        ),
        "core:export_detail": Access(404, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.other_export.pk}),
        "core:export_restart": Access(
            404, {"anonymous": LOGIN}, method="post", kwargs=lambda ctx: {"pk": ctx.other_export.pk}
        ),
    }
)

# Trainings and events. The matrix event is at the Erbil centre, where the centre roles work; the
# matrix trainer trains it. Drafts are hidden, this one is published.
EVENT_STAFF = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF)
EVENT = {"kwargs": lambda ctx: {"pk": ctx.event.pk}}
ACCESS.update(
    {
        "centers:staff": Access(
            None, only(Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER), kwargs=lambda ctx: {"slug": "erbil"}
        ),
        "centers:room_add": Access(
            None, only(Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER), kwargs=lambda ctx: {"slug": "erbil"}
        ),
        "centers:room_edit": Access(
            None,
            only(Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER),
            kwargs=lambda ctx: {"slug": "erbil", "room_pk": ctx.room.pk},
        ),
        "trainings:event_list": Access(200),
        "trainings:package_list": Access(200),
        "trainings:package_detail": Access(200, kwargs=lambda ctx: {"code": "fundraising"}),
        "trainings:event_detail": Access(200, **EVENT),
        "trainings:event_create": Access(None, only(*EVENT_STAFF)),
        "trainings:my_registrations": members(),
        "trainings:my_participant_profile": members(),
        "trainings:event_edit": Access(None, only(*EVENT_STAFF), **EVENT),
        # Publishing a published event is refused with a message (a redirect) for its staff.
        "trainings:event_publish": Access(None, only(*EVENT_STAFF, ok=REDIRECT), method="post", **EVENT),
        "trainings:event_complete": Access(None, only(*EVENT_STAFF, ok=REDIRECT), method="post", **EVENT),
        "trainings:event_cancel": Access(None, only(*EVENT_STAFF), **EVENT),
        # Everyone signed in may ask to register (and is then sent on: to their details, or back).
        "trainings:register_self": Access(REDIRECT, {"anonymous": LOGIN}, method="post", **EVENT),
        "trainings:register_walk_in": Access(None, only(*EVENT_STAFF), **EVENT),
        # For people in a CSO's team: nobody in the matrix is (the CSO member included).
        "trainings:register_colleague": Access(403, {"anonymous": LOGIN}, **EVENT),
        "trainings:registration_reject": Access(
            None,
            only(*EVENT_STAFF, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.event.pk, "registration_pk": ctx.registration.pk},
        ),
        "trainings:registration_cancel": Access(
            None,
            only(*EVENT_STAFF, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.event.pk, "registration_pk": ctx.registration.pk},
        ),
        "trainings:event_certificates": Access(None, only(*EVENT_STAFF), **EVENT),
        # Issuing certificates before the event is completed is refused with a message.
        "trainings:certificates_issue": Access(None, only(*EVENT_STAFF, ok=REDIRECT), method="post", **EVENT),
        "trainings:certificate_verify": Access(404, kwargs=lambda ctx: {"code": "NOSUCHCODE"}),
        "trainings:numbers": Access(None, only(*STAFF_VIEWERS, Role.DONOR)),
        "trainings:centre_calendar": Access(200, kwargs=lambda ctx: {"slug": "erbil"}),
        "trainings:centre_ical": Access(200, kwargs=lambda ctx: {"slug": "erbil"}),
        "trainings:my_ical_link": members(),
        # A person's feed is reached by its signed address alone (calendar apps do not sign in).
        "trainings:person_ical": Access(200, kwargs=lambda ctx: {"token": ctx.ical_token}),
        "trainings:check_in": Access(
            None, only(*EVENT_STAFF, Role.TRAINER), kwargs=lambda ctx: {"token": ctx.check_in_token}
        ),
        "trainings:participant_list": Access(None, only(*EVENT_STAFF)),
        # The matrix participant is registered for the Erbil event: Erbil staff and admins see them.
        "trainings:participant_detail": Access(
            None, only(*EVENT_STAFF), kwargs=lambda ctx: {"pk": ctx.registration.participant_id}
        ),
        # Merging without naming the duplicate: not found, for those who may merge at all.
        "trainings:participant_merge": Access(
            None, only(*EVENT_STAFF, ok=404), method="post", kwargs=lambda ctx: {"pk": ctx.registration.participant_id}
        ),
        "trainings:material_upload": Access(
            None, only(*EVENT_STAFF, Role.TRAINER), kwargs=lambda ctx: {"code": "fundraising"}
        ),
        # A material for signed-in people: they are sent on to the file; visitors to sign in.
        "trainings:material_download": Access(
            REDIRECT, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.material.pk}
        ),
        # Tests and feedback pages say why a person may not answer (here: not registered, not attended).
        "trainings:knowledge_test": Access(
            200, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.event.pk, "kind": "pre"}
        ),
        "trainings:feedback": Access(200, {"anonymous": LOGIN}, **EVENT),
        "trainings:sign_in_sheet_upload": Access(
            None,
            only(*EVENT_STAFF, Role.TRAINER, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.event.pk, "session_pk": ctx.session.pk},
        ),
        "trainings:attendance_template": Access(None, only(*EVENT_STAFF, Role.TRAINER), **EVENT),
        "trainings:attendance_upload": Access(None, only(*EVENT_STAFF, Role.TRAINER), **EVENT),
        "trainings:roll_call": Access(
            None,
            only(*EVENT_STAFF, Role.TRAINER),
            kwargs=lambda ctx: {"pk": ctx.event.pk, "session_pk": ctx.session.pk},
        ),
    }
)

# Grant calls: public pages for published calls; grant officers and programme admins manage them.
CALLS = (Role.PROGRAMME_ADMIN, Role.GRANT_OFFICER)
CALL = {"kwargs": lambda ctx: {"code": ctx.call.code}}
APP = {"kwargs": lambda ctx: {"pk": ctx.application.pk}}
AGREEMENT = {"kwargs": lambda ctx: {"pk": ctx.agreement.pk}}
REPORT = {"kwargs": lambda ctx: {"pk": ctx.report.pk}}
ACCESS.update(
    {
        "grants:public_calls": Access(200),
        "grants:public_call": Access(200, **CALL),
        # Starting an application names one of the person's organisations: nobody here has one.
        "grants:application_start": Access(404, {"anonymous": LOGIN}, method="post", **CALL),
        # The matrix application belongs to another CSO: its pages answer 404 except to those who
        # run the call, who read it but cannot change it.
        # Centre staff and managers help CSOs of their centre; the others have nobody to help.
        "grants:application_start_for_cso": Access(None, only(Role.CENTRE_STAFF, Role.CENTRE_MANAGER), **CALL),
        "grants:application": Access(None, {**only(*CALLS, others=404)}, **APP),
        "grants:application_questions": Access(None, only(*CALLS, others=404), **APP),
        "grants:application_section": Access(
            None, only(*CALLS, others=404), kwargs=lambda ctx: {"pk": ctx.application.pk, "section": "project"}
        ),
        "grants:budget_line_add": Access(None, only(*CALLS, ok=403, others=404), method="post", **APP),
        "grants:budget_line_remove": Access(
            None,
            only(*CALLS, ok=403, others=404),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.application.pk, "line_pk": ctx.budget_line.pk},
        ),
        # Uploading without a file is refused with a message, for those who may see the application.
        "grants:attachment_upload": Access(
            None,
            only(*CALLS, ok=REDIRECT, others=404),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.application.pk, "required_pk": ctx.required_attachment.pk},
        ),
        "grants:application_submit": Access(None, only(*CALLS, ok=403, others=404), method="post", **APP),
        "grants:application_withdraw": Access(None, only(*CALLS, ok=403, others=404), method="post", **APP),
        # Screening a draft (the matrix application) is refused with a message, for officers.
        "grants:application_screen": Access(None, only(*CALLS, ok=REDIRECT), method="post", **APP),
        "grants:call_applications": Access(None, only(*CALLS), **CALL),
        # Inviting a draft of a one-stage call is refused with a message.
        "grants:application_invite": Access(None, only(*CALLS, ok=REDIRECT), method="post", **APP),
        # Assigning reviewers to an application not yet found eligible is refused with a message.
        "grants:assign_reviewers": Access(None, only(*CALLS, ok=REDIRECT), method="post", **APP),
        "grants:my_reviews": Access(None, only(Role.REVIEWER)),
        # Another reviewer's assignment: not found, even for a reviewer.
        "grants:review": Access(None, only(Role.REVIEWER, ok=404), kwargs=lambda ctx: {"pk": ctx.assignment.pk}),
        # Consensus and decisions on an application not found eligible are refused with a message.
        "grants:consensus": Access(None, only(*CALLS, ok=REDIRECT), method="post", **APP),
        "grants:decide": Access(None, only(*CALLS, ok=REDIRECT), method="post", **APP),
        "grants:call_ranking": Access(None, only(*CALLS), **CALL),
        "grants:figures": Access(None, only(*STAFF_VIEWERS, Role.DONOR)),
        # Agreements: the matrix agreement belongs to another CSO; officers manage it, finance pays.
        "grants:agreement_create": Access(None, only(*CALLS), **APP),
        # Everyone signed in may open the list; it shows only the agreements they may see (tested).
        "grants:agreement_list": members(),
        "grants:agreement": Access(None, only(*CALLS, Role.FINANCE_OFFICER, others=404), **AGREEMENT),
        # One panel of the agreement page alone (htmx), for those who see the page.
        "grants:agreement_panel": Access(
            None,
            only(*CALLS, Role.FINANCE_OFFICER, others=404),
            kwargs=lambda ctx: {"pk": ctx.agreement.pk, "panel": "tranches"},
        ),
        "grants:agreement_tranches": Access(None, only(*CALLS, ok=200), method="post", **AGREEMENT),
        "grants:agreement_sign": Access(None, only(*CALLS, ok=200), method="post", **AGREEMENT),
        "grants:visit_record": Access(None, only(*CALLS, ok=200), method="post", **AGREEMENT),
        "grants:action_status": Access(
            None, only(*CALLS, ok=REDIRECT), method="post", kwargs=lambda ctx: {"pk": ctx.follow_up.pk}
        ),
        "grants:condition_check": Access(
            None, only(*CALLS, ok=REDIRECT), method="post", kwargs=lambda ctx: {"pk": ctx.condition.pk}
        ),
        "grants:tranche_request": Access(
            None, only(*CALLS, ok=REDIRECT), method="post", kwargs=lambda ctx: {"pk": ctx.tranche.pk}
        ),
        "grants:payment_record": Access(
            None, only(Role.FINANCE_OFFICER, ok=200), method="post", kwargs=lambda ctx: {"pk": ctx.tranche.pk}
        ),
        "grants:payment_reverse": Access(
            None, only(Role.FINANCE_OFFICER, ok=REDIRECT), method="post", kwargs=lambda ctx: {"pk": ctx.payment.pk}
        ),
        # Reports, amendments and close-out of the matrix agreement (another CSO's): officers manage
        # them; a refused post (empty form, a submitted report, a draft agreement) answers as shown.
        "grants:report_schedule": Access(None, only(*CALLS, ok=200), method="post", **AGREEMENT),
        "grants:report_unschedule": Access(None, only(*CALLS, ok=REDIRECT), method="post", **REPORT),
        "grants:report": Access(None, only(*CALLS, Role.FINANCE_OFFICER, others=404), **REPORT),
        # Only the grantee's members write reports: everyone here gets 404.
        "grants:receipt_add": Access(404, {"anonymous": LOGIN}, method="post", **REPORT),
        "grants:receipt_remove": Access(
            404, {"anonymous": LOGIN}, method="post", kwargs=lambda ctx: {"pk": ctx.receipt.pk}
        ),
        "grants:report_review": Access(None, only(*CALLS, ok=200), method="post", **REPORT),
        # Officers may record an amendment asked for by other means; the grantee's admins ask.
        "grants:amendment_request": Access(None, only(*CALLS, others=404), **AGREEMENT),
        "grants:amendment_decide": Access(
            None, only(*CALLS, ok=200), method="post", kwargs=lambda ctx: {"pk": ctx.amendment.pk}
        ),
        "grants:tranche_cancel": Access(
            None, only(*CALLS, ok=200), method="post", kwargs=lambda ctx: {"pk": ctx.tranche.pk}
        ),
        "grants:agreement_close": Access(None, only(*CALLS, ok=REDIRECT), method="post", **AGREEMENT),
        "grants:portfolio": Access(None, only(*CALLS, Role.FINANCE_OFFICER, Role.DONOR)),
        "grants:payment_list": Access(None, only(*CALLS, Role.FINANCE_OFFICER)),
        "grants:recipients": Access(None, only(*CALLS, Role.FINANCE_OFFICER, Role.DONOR)),
        "grants:exchange_rates": Access(None, only(Role.PROGRAMME_ADMIN, Role.FINANCE_OFFICER)),
        "grants:call_list": Access(None, only(*CALLS)),
        "grants:call_create": Access(None, only(*CALLS)),
        "grants:call_detail": Access(None, only(*CALLS), **CALL),
        "grants:call_edit": Access(None, only(*CALLS), **CALL),
        # Publishing an already published call is refused with a message.
        "grants:call_publish": Access(None, only(*CALLS, ok=REDIRECT), method="post", **CALL),
        # An empty clarification is shown again with its errors.
        "grants:clarification_add": Access(None, only(*CALLS), method="post", **CALL),
        "grants:clarification_delete": Access(
            None,
            only(*CALLS, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"code": ctx.call.code, "pk": ctx.clarification.pk},
        ),
    }
)

# Private files are all served by core:private_file, with a signed token naming the record and its
# field; the table above checks another person's file. Here, the answer each role gets for a file of
# the matrix's grantee (another tenant for every role user); its own members are tested by the app.
PRIVATE_FILES = {
    # The signed agreement: those who run the calls and finance download it; nobody else learns it exists.
    "grants.GrantAgreement.signed_copy": Access(None, only(*CALLS, Role.FINANCE_OFFICER, others=404)),
}

# Django's admin site: programme admins only; everyone else is sent to the admin sign-in page.
ADMIN_DEFAULT = Access(ADMIN_LOGIN, {Role.PROGRAMME_ADMIN: ADMIN_OK})
ADMIN_SPECIAL = {
    "admin:login": Access(200, {Role.PROGRAMME_ADMIN: REDIRECT}),
    # Sign-out is POST only: a GET is refused for admins, others are sent back to the admin sign-in.
    "admin:logout": Access(REDIRECT, {Role.PROGRAMME_ADMIN: 405}),
    # Autocomplete needs its query parameters: a bare GET is refused even for admins.
    "admin:autocomplete": Access(ADMIN_LOGIN, {Role.PROGRAMME_ADMIN: 403}),
    # "View on site" for a person: people have no public page.
    "admin:view_on_site": Access(ADMIN_LOGIN, {Role.PROGRAMME_ADMIN: 404}),
    "<unnamed en/admin/(?P<url>.*)$>": Access(ADMIN_LOGIN, {Role.PROGRAMME_ADMIN: 404}),
}

# Legal assistance: the matrix case belongs to another CSO and no matrix lawyer is assigned to it,
# so only the legal coordinator and programme admins see it; everyone else gets 404. Refused posts
# (empty forms, a step the workflow does not allow) show the page again (200) or go back to it.
LEGAL = (Role.PROGRAMME_ADMIN, Role.LEGAL_COORDINATOR)
CASE = {"kwargs": lambda ctx: {"pk": ctx.legal_case.pk}}
ACCESS.update(
    {
        # The matrix CSO member belongs to no CSO: nothing to list or ask for.
        "legal_aid:case_list": Access(None, only(*LEGAL, Role.LAWYER)),
        "legal_aid:case_request": Access(None, only()),
        "legal_aid:case_record": Access(None, only(*LEGAL, Role.CENTRE_STAFF, Role.CENTRE_MANAGER)),
        "legal_aid:deadlines": Access(None, only(*LEGAL, Role.LAWYER)),
        "legal_aid:overview": Access(None, only(*LEGAL)),
        "legal_aid:figures": Access(None, only(*LEGAL, Role.DONOR)),
        "legal_aid:case": Access(None, only(*LEGAL, others=404), **CASE),
        "legal_aid:conflict_check": Access(None, only(*LEGAL, ok=REDIRECT, others=404), method="post", **CASE),
        "legal_aid:triage": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:assign": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:set_status": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:reopen": Access(None, only(*LEGAL, ok=REDIRECT, others=404), method="post", **CASE),
        "legal_aid:note_add": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:document_add": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:task_add": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:filing": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:refer": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        "legal_aid:close": Access(None, only(*LEGAL, others=404), method="post", **CASE),
        # Only the CSO's members rate the help.
        "legal_aid:rate": Access(None, only(*LEGAL, ok=403, others=404), method="post", **CASE),
        "legal_aid:task_done": Access(
            None, only(*LEGAL, ok=REDIRECT, others=404), method="post", kwargs=lambda ctx: {"pk": ctx.legal_task.pk}
        ),
        "legal_aid:referral_outcome": Access(
            None, only(*LEGAL, others=404), method="post", kwargs=lambda ctx: {"pk": ctx.legal_referral.pk}
        ),
    }
)

# Results reporting: programme admins keep the logframe and the reports, centre managers and grant
# officers contribute, the donor reads. The matrix report (period 1) has been sent to the EU, so the
# donor reads it too; refused steps on it (approving a sent report, a contribution to it) show the
# page again (200) or go back to it.
READERS = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.GRANT_OFFICER, Role.DONOR)
CONTRIBUTORS = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.GRANT_OFFICER)
RESULTS_REPORT = {"kwargs": lambda ctx: {"number": ctx.results_report.period.number}}
ACCESS.update(
    {
        "results:dashboard": Access(None, only(*READERS)),
        "results:logframe": Access(None, only(*READERS)),
        "results:node_add": Access(None, only(Role.PROGRAMME_ADMIN)),
        "results:node_edit": Access(None, only(Role.PROGRAMME_ADMIN), kwargs=lambda ctx: {"pk": ctx.results_node.pk}),
        "results:indicator_add": Access(None, only(Role.PROGRAMME_ADMIN)),
        "results:indicator_edit": Access(
            None, only(Role.PROGRAMME_ADMIN), kwargs=lambda ctx: {"pk": ctx.results_indicator.pk}
        ),
        "results:logframe_download": Access(None, only(*READERS)),
        "results:logframe_upload": Access(None, only(Role.PROGRAMME_ADMIN)),
        "results:logframe_upload_confirm": Access(
            None, only(Role.PROGRAMME_ADMIN, ok=REDIRECT), method="post", data=lambda ctx: {}
        ),
        "results:report_list": Access(None, only(*READERS)),
        "results:report": Access(None, only(*READERS), **RESULTS_REPORT),
        "results:contribution": Access(None, only(*CONTRIBUTORS), method="post", **RESULTS_REPORT),
        "results:revision": Access(
            None,
            only(Role.PROGRAMME_ADMIN, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"number": ctx.results_report.period.number, "pk": ctx.results_revision.pk},
        ),
        "results:report_step": Access(
            None,
            only(Role.PROGRAMME_ADMIN),
            method="post",
            kwargs=lambda ctx: {"number": ctx.results_report.period.number, "action": "approve"},
        ),
        "results:value_list": Access(None, only(*CONTRIBUTORS)),
        "results:value_edit": Access(
            None,
            only(*CONTRIBUTORS),
            kwargs=lambda ctx: {"indicator_pk": ctx.results_indicator.pk, "number": 1},
        ),
        "results:value_decide": Access(
            None,
            only(Role.PROGRAMME_ADMIN, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.results_value.pk, "action": "approve"},
        ),
    }
)

# The civil-society platform: a published public entry of a CSO near the Erbil centre.
COMMONS_MODERATORS = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF)
COMMONS_WRITERS = (*COMMONS_MODERATORS, Role.TRAINER, Role.LAWYER, Role.LEGAL_COORDINATOR)
QUESTION_READERS = (*COMMONS_WRITERS, Role.GRANT_OFFICER, Role.FINANCE_OFFICER, Role.REVIEWER)
ACCESS.update(
    {
        "commons:entry_list": Access(200),
        "commons:feed": Access(200),
        # The page the service worker shows offline for a page not saved: public, names nobody.
        "commons:offline": Access(200),
        "commons:entry_detail": Access(200, kwargs=lambda ctx: {"pk": ctx.commons_entry.pk}),
        "commons:review_queue": Access(None, only(*COMMONS_MODERATORS)),
        # Staff write for the programme; the matrix's CSO member belongs to no verified CSO yet.
        "commons:entry_add": Access(None, only(*COMMONS_WRITERS)),
        "commons:my_entries": members(),
        # "We used this" is for CSO members (the matrix's roles belong to no CSO): 403 to them.
        "commons:entry_used": Access(
            403,
            {"anonymous": LOGIN},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk},
            data=lambda ctx: {"organization": "0"},
        ),
        "commons:follow": Access(
            REDIRECT,
            {"anonymous": LOGIN},
            method="post",
            data=lambda ctx: {"entry": ctx.commons_entry.pk, "level": "watch"},
        ),
        "commons:entry_edit": Access(404, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.commons_entry.pk}),
        # The matrix's centre roles work at Erbil, the centre of the entry's CSO.
        "commons:entry_moderate": Access(
            None,
            only(*COMMONS_MODERATORS, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk, "action": "hide"},
            data=lambda ctx: {"reason": "Shows a person's phone number."},
        ),
        "commons:entry_report": Access(
            REDIRECT,
            {"anonymous": LOGIN},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk},
            data=lambda ctx: {"reason": "spam"},
        ),
        "commons:translation_list": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(COMMONS_WRITERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk},
        ),
        "commons:translation_edit": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(COMMONS_WRITERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk, "language": "en"},
        ),
        # The follow-up of a use is for members of the CSO that used it (the matrix's roles are not).
        "commons:uptake_follow_up": Access(403, {"anonymous": LOGIN}, kwargs=lambda ctx: {"pk": ctx.commons_uptake.pk}),
        "commons:following": members(),
        # A CSO administrator's approved final report: none of the matrix's roles runs a grantee (403 or 404).
        "commons:case_study_new": Access(403, {"anonymous": LOGIN}, kwargs=lambda ctx: {"report_pk": ctx.report.pk}),
        # Someone else's follow: 404 to everyone.
        "commons:follow_remove": Access(
            404, {"anonymous": LOGIN}, method="post", kwargs=lambda ctx: {"pk": ctx.commons_follow.pk}
        ),
        # Questions and answers are among members: CSO members and programme staff, not the donor.
        "commons:question_list": Access(None, only(*QUESTION_READERS)),
        "commons:question_detail": Access(
            None, only(*QUESTION_READERS), kwargs=lambda ctx: {"pk": ctx.commons_question.pk}
        ),
        "commons:question_ask": Access(None, only(*COMMONS_WRITERS)),
        "commons:answer_post": Access(
            None,
            only(*QUESTION_READERS, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.commons_question.pk},
            data=lambda ctx: {"body": "Count the hall you use for free."},
        ),
        # Readers who did not ask are refused with a message on the question page (a redirect).
        "commons:answer_accept": Access(
            None, only(*QUESTION_READERS, ok=REDIRECT), method="post", kwargs=lambda ctx: {"pk": ctx.commons_answer.pk}
        ),
        # Only the entry's writers may ask, and only for a hidden or declined entry: 404 to others.
        "commons:second_review": Access(
            404,
            {"anonymous": LOGIN},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.commons_entry.pk},
            data=lambda ctx: {"reason": "Please look again."},
        ),
    }
)

# Partnerships and advocacy (partnerships/): one block per sub-domain.
PARTNERSHIP_STAFF = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER, Role.CENTRE_STAFF)
PARTNERSHIP_MANAGERS = (Role.PROGRAMME_ADMIN, Role.CENTRE_MANAGER)
ACCESS.update(
    {
        # --- partners and relationships ---
        # The directory is public (visitors see the public profiles). The partner the URLs name is
        # of the Erbil centre, where the matrix's centre roles work, and not public: programme staff
        # see it, everybody else gets 404; its managers (admins, the Erbil manager) change it, the
        # other roles may never (403).
        "partnerships:partner_list": Access(200),
        "partnerships:partner_add": Access(None, only(*PARTNERSHIP_MANAGERS)),
        "partnerships:partner_detail": Access(
            404,
            dict.fromkeys(PARTNERSHIP_STAFF, 200),
            kwargs=lambda ctx: {"pk": ctx.partners_private.pk},
        ),
        "partnerships:partner_edit": Access(
            None, only(*PARTNERSHIP_MANAGERS), kwargs=lambda ctx: {"pk": ctx.partners_private.pk}
        ),
        "partnerships:contact_add": Access(
            None, only(*PARTNERSHIP_MANAGERS), kwargs=lambda ctx: {"pk": ctx.partners_private.pk}
        ),
        "partnerships:contact_edit": Access(
            None,
            only(*PARTNERSHIP_MANAGERS),
            kwargs=lambda ctx: {"pk": ctx.partners_private.pk, "contact_pk": ctx.partners_contact.pk},
        ),
        "partnerships:contact_remove": Access(
            None,
            only(*PARTNERSHIP_MANAGERS, ok=REDIRECT),
            method="post",
            kwargs=lambda ctx: {"pk": ctx.partners_private.pk, "contact_pk": ctx.partners_contact.pk},
        ),
        # Relationships are recorded by programme admins and the managers of either side's centre.
        "partnerships:partner_relationship_add": Access(
            None, only(*PARTNERSHIP_MANAGERS), kwargs=lambda ctx: {"pk": ctx.partners_private.pk}
        ),
        "partnerships:organization_relationship_add": Access(
            None, only(*PARTNERSHIP_MANAGERS), kwargs=lambda ctx: {"pk": ctx.partners_organization.pk}
        ),
        "partnerships:relationship_end": Access(
            None, only(*PARTNERSHIP_MANAGERS), kwargs=lambda ctx: {"pk": ctx.partners_relationship.pk}
        ),
        # --- end partners ---
        # --- agreements ---
        # Agreements of the Erbil centre between a CSO none of the matrix's people belongs to and a
        # partner: programme staff see them, its managers manage them, everyone else gets 404.
        "partnerships:agreement_list": Access(None, only(*PARTNERSHIP_STAFF)),
        "partnerships:agreement_add": Access(None, only(*PARTNERSHIP_MANAGERS)),
        "partnerships:agreement_detail": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_STAFF, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        "partnerships:agreement_edit": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        "partnerships:agreement_negotiate": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        "partnerships:agreement_sign": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        # A draft cannot be put in force: managers are told why on the agreement's page.
        "partnerships:agreement_activate": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        "partnerships:agreement_terminate": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_active.pk},
        ),
        "partnerships:agreement_renew": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.agreement_active.pk},
        ),
        "partnerships:agreement_party_add": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
            data=lambda ctx: {"organization": ctx.organization.pk},
        ),
        "partnerships:agreement_party_sign": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_party.pk},
        ),
        # The draft has two parties, which it keeps: managers are told so on the agreement's page.
        "partnerships:agreement_party_remove": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.agreement_party.pk},
        ),
        "partnerships:obligation_add": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_draft.pk},
        ),
        # Followed up by someone outside the matrix's roles: the managers and that person only.
        "partnerships:obligation_update": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.agreement_obligation.pk},
        ),
        # --- end agreements ---
        # --- exchange visits ---
        # Programme staff see every visit; only the managers of its centre (the matrix's work at Erbil,
        # the visit's centre) change it; anyone else learns nothing of it (404). The removals are
        # pointed at a recorded visitor and a practice taken up, so they are refused with a message.
        "partnerships:visit_list": Access(None, only(*PARTNERSHIP_STAFF)),
        "partnerships:visit_create": Access(None, only(*PARTNERSHIP_MANAGERS)),
        "partnerships:visit_detail": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_STAFF, 200)},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk},
        ),
        "partnerships:visit_edit": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk},
        ),
        "partnerships:visitor_add": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk},
        ),
        "partnerships:visitor_assign": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "visitor_pk": ctx.exchange_visitor.pk},
        ),
        "partnerships:visitor_remove": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "visitor_pk": ctx.exchange_visitor_recorded.pk},
            method="post",
        ),
        "partnerships:itinerary_add": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk},
        ),
        "partnerships:itinerary_edit": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "item_pk": ctx.exchange_stop.pk},
        ),
        "partnerships:itinerary_remove": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "item_pk": ctx.exchange_stop_spare.pk},
            method="post",
        ),
        "partnerships:practice_add": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk},
        ),
        "partnerships:practice_edit": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "practice_pk": ctx.exchange_practice.pk},
        ),
        "partnerships:practice_remove": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_MANAGERS, REDIRECT), Role.CENTRE_STAFF: 403},
            kwargs=lambda ctx: {"pk": ctx.exchange_visit.pk, "practice_pk": ctx.exchange_practice.pk},
            method="post",
        ),
        "partnerships:follow_up_list": Access(None, only(*PARTNERSHIP_STAFF)),
        # The matrix's centre staff and manager work at the visit's centre: they record its follow-ups.
        "partnerships:follow_up_record": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_STAFF, 200)},
            kwargs=lambda ctx: {"pk": ctx.exchange_visitor.pk},
        ),
        # --- end visits ---
        # --- coalitions and network view ---
        # The list is public (each person sees the coalitions she may). The matrix coalition is
        # members-only, at the Erbil centre, led by a CSO none of the role users belongs to: programme
        # staff see it (the Erbil manager and programme admins manage it), everyone else gets 404.
        "partnerships:coalition_list": Access(200),
        "partnerships:coalition_start": Access(None, only(*PARTNERSHIP_MANAGERS)),
        "partnerships:coalition_detail": Access(
            404, dict.fromkeys(PARTNERSHIP_STAFF, 200), kwargs=lambda ctx: {"pk": ctx.coalition.pk}
        ),
        **{
            name: Access(
                404,
                {"anonymous": LOGIN, Role.PROGRAMME_ADMIN: 200, Role.CENTRE_MANAGER: 200, Role.CENTRE_STAFF: 403},
                kwargs=kwargs,
            )
            for name, kwargs in (
                ("partnerships:coalition_edit", lambda ctx: {"pk": ctx.coalition.pk}),
                ("partnerships:coalition_member_add", lambda ctx: {"pk": ctx.coalition.pk}),
                (
                    "partnerships:coalition_member_role",
                    lambda ctx: {"pk": ctx.coalition.pk, "member_pk": ctx.coalition_member.pk},
                ),
                (
                    "partnerships:coalition_member_leave",
                    lambda ctx: {"pk": ctx.coalition.pk, "member_pk": ctx.coalition_member.pk},
                ),
            )
        },
        # The network view: programme staff and the donor (who sees counts and what is public; the
        # matrix CSO's profile is published, so the donor opens its page too).
        "partnerships:network": Access(None, only(*PARTNERSHIP_STAFF, Role.DONOR)),
        "partnerships:network_governorate": Access(
            None, only(*PARTNERSHIP_STAFF, Role.DONOR), kwargs=lambda ctx: {"governorate": "erbil"}
        ),
        "partnerships:network_organization": Access(
            None, only(*PARTNERSHIP_STAFF, Role.DONOR), kwargs=lambda ctx: {"pk": ctx.network_organization.pk}
        ),
        # --- end coalitions ---
        # --- initiatives ---
        # Initiatives led by a verified CSO near Erbil that none of the matrix's people belongs to: the
        # published one (window open) is public; its draft is seen by programme staff only (404 to
        # others), drafted and published by its centre's managers (centre staff: 403). Nobody in the
        # matrix administers a CSO, so nobody may start one or sign (403). Paper signatures and the
        # advocacy records are the centre staff's (403 to the other roles, who may see the page).
        "partnerships:initiative_list": Access(200),
        "partnerships:initiative_verify": Access(200),
        "partnerships:initiative_new": Access(403, {"anonymous": LOGIN}),
        "partnerships:initiative_detail": Access(200, kwargs=lambda ctx: {"pk": ctx.initiative_published.pk}),
        "partnerships:initiative_edit": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.initiative_draft.pk},
        ),
        "partnerships:initiative_versions": Access(
            404,
            {"anonymous": LOGIN, **dict.fromkeys(PARTNERSHIP_STAFF, 200)},
            kwargs=lambda ctx: {"pk": ctx.initiative_draft.pk},
        ),
        "partnerships:initiative_publish": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            kwargs=lambda ctx: {"pk": ctx.initiative_draft.pk},
        ),
        # Posted without a reason: the managers get the page back with the message (nothing withdrawn).
        "partnerships:initiative_withdraw": Access(
            404,
            {"anonymous": LOGIN, Role.CENTRE_STAFF: 403, **dict.fromkeys(PARTNERSHIP_MANAGERS, 200)},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.initiative_draft.pk},
        ),
        "partnerships:initiative_sign": Access(
            403,
            {"anonymous": LOGIN},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.initiative_published.pk},
            data=lambda ctx: {"organization": ctx.initiative_published.lead_organization_id},
        ),
        "partnerships:initiative_signature_withdraw": Access(
            403,
            {"anonymous": LOGIN},
            method="post",
            kwargs=lambda ctx: {"pk": ctx.initiative_published.pk},
            data=lambda ctx: {"organization": ctx.initiative_published.lead_organization_id},
        ),
        "partnerships:initiative_paper": Access(
            None, only(*PARTNERSHIP_STAFF), kwargs=lambda ctx: {"pk": ctx.initiative_published.pk}
        ),
        "partnerships:initiative_target_new": Access(
            None, only(*PARTNERSHIP_STAFF), kwargs=lambda ctx: {"pk": ctx.initiative_published.pk}
        ),
        "partnerships:initiative_delivery_new": Access(
            None, only(*PARTNERSHIP_STAFF), kwargs=lambda ctx: {"pk": ctx.initiative_target.pk}
        ),
        "partnerships:initiative_response_new": Access(
            None, only(*PARTNERSHIP_STAFF), kwargs=lambda ctx: {"pk": ctx.initiative_target.pk}
        ),
        "partnerships:initiative_outcome_new": Access(
            None, only(*PARTNERSHIP_STAFF), kwargs=lambda ctx: {"pk": ctx.initiative_target.pk}
        ),
        # --- end initiatives ---
    }
)
