"""What changes a joint initiative until it is signed: drafting (each save a new version), publishing
(the latest version frozen with the SHA-256 of its text, the signature window set), withdrawing a
draft, signing for a CSO and withdrawing that signature while the window is open, and the paper
signatures centre staff enter with the scanned page. Each change runs in one transaction, locks the
initiative it decides on, and is audited with the actor."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from organizations.models import Organization, VerificationStatus
from partnerships import permissions
from partnerships.models import (
    Coalition,
    CoalitionMember,
    Initiative,
    InitiativeStatus,
    InitiativeVersion,
    PaperSignature,
    Signature,
)
from partnerships.workflows import INITIATIVE


def text_sha256(text: str) -> str:
    """The fingerprint shown with a published text: SHA-256 of its exact UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalised(text: str) -> str:
    """Line ends as a browser shows them ("\\n"), so a reader who copies the text gets the same hash."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _date(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _locked(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("lead_organization", "coalition", "centre")
        .get(pk=initiative.pk)
    )


def _add_version(initiative: Initiative, *, actor: User, text: str, note: str) -> InitiativeVersion:
    text = _normalised(text)
    if not text:
        raise ValidationError({"text": _("Write the text of the initiative.")})
    number = (initiative.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return InitiativeVersion.objects.create(
        initiative=initiative, number=number, text=text, note=note, written_by=actor
    )


@transaction.atomic
def initiative_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    kind: str,
    language: str,
    text: str,
    coalition: Coalition | None = None,
    note: str = "",
) -> Initiative:
    """A draft led by the CSO (its admin starts it), accompanied by the CSO's nearest centre, with
    the first version of its text. A coalition named must count the CSO among its current members."""
    if not permissions.can_start_initiative(actor, organization):
        raise PermissionDenied
    if (
        coalition is not None
        and not CoalitionMember.objects.filter(
            coalition=coalition, organization=organization, left_on__isnull=True
        ).exists()
    ):
        raise ValidationError(
            {"coalition": _("%(organization)s is not a member of this coalition.") % {"organization": organization}}
        )
    initiative = Initiative(
        kind=kind,
        title=title.strip(),
        language=language,
        lead_organization=organization,
        coalition=coalition,
        centre=organization.nearest_centre,
        created_by=actor,
    )
    initiative.full_clean(exclude=["lead_organization", "coalition", "centre", "created_by"])
    with actor_context(actor, action="partnerships.initiative_create"):
        initiative.save()
        _add_version(initiative, actor=actor, text=text, note=note or _("First draft"))
    return initiative


@transaction.atomic
def version_save(
    *, actor: User, initiative: Initiative, text: str, note: str = "", title: str = ""
) -> InitiativeVersion:
    """A new version of the draft's text (versions are never changed: the database refuses it)."""
    initiative = _locked(initiative)
    if initiative.status != InitiativeStatus.DRAFT:
        raise ValidationError(_("The text is frozen since its publication: it can no longer be changed."))
    if not permissions.can_draft_initiative(actor, initiative):
        raise PermissionDenied
    latest = initiative.versions.order_by("-number").first()
    title = title.strip() or initiative.title
    if latest is not None and latest.text == _normalised(text) and title == initiative.title:
        raise ValidationError({"text": _("Nothing has changed since version %(number)s.") % {"number": latest.number}})
    with actor_context(actor, action="partnerships.initiative_version_save"):
        if title != initiative.title:
            initiative.title = title
            initiative.full_clean(exclude=["lead_organization", "coalition", "centre", "created_by"])
            initiative.save(update_fields=["title"])
        return _add_version(initiative, actor=actor, text=text, note=note)


@transaction.atomic
def initiative_publish(
    *, actor: User, initiative: Initiative, opens_on: dt.date, closes_on: dt.date, now: dt.datetime | None = None
) -> Initiative:
    """Freezes the latest version (the initiative keeps it and the SHA-256 of its text) and sets the
    window in which CSOs sign. The window cannot open before today nor close before it opens."""
    initiative = _locked(initiative)
    INITIATIVE.check("publish", initiative, actor)
    now = now or timezone.now()
    today = timezone.localdate(now)
    if opens_on < today:
        raise ValidationError({"opens_on": _("The window cannot open before today.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The window must close on or after the day it opens.")})
    version = initiative.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("Write the text before publishing it."))
    INITIATIVE.apply("publish", initiative, actor)
    initiative.published_version = version
    initiative.text_sha256 = text_sha256(version.text)
    initiative.opens_on, initiative.closes_on = opens_on, closes_on
    initiative.published_at, initiative.published_by = now, actor
    with actor_context(actor, action="partnerships.initiative_publish"):
        initiative.save(
            update_fields=[
                "status",
                "published_version",
                "text_sha256",
                "opens_on",
                "closes_on",
                "published_at",
                "published_by",
            ]
        )
    return initiative


@transaction.atomic
def initiative_withdraw(*, actor: User, initiative: Initiative, reason: str) -> Initiative:
    """Abandons a draft, with the reason (a published text stays on record: it cannot be withdrawn)."""
    initiative = _locked(initiative)
    INITIATIVE.check("withdraw", initiative, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the initiative is withdrawn.")})
    INITIATIVE.apply("withdraw", initiative, actor)
    initiative.withdrawal_reason = reason.strip()
    with actor_context(actor, action="partnerships.initiative_withdraw"):
        initiative.save(update_fields=["status", "withdrawal_reason"])
    return initiative


def _window_refusal(initiative: Initiative, today: dt.date) -> str | None:
    """Why nobody may sign today, or None while the window is open."""
    if initiative.window_is_open(today):
        return None
    if initiative.status != InitiativeStatus.PUBLISHED or initiative.opens_on is None or initiative.closes_on is None:
        return _("This initiative is not open for signature.")
    if today < initiative.opens_on:
        return _("Signatures open on %(date)s.") % {"date": _date(initiative.opens_on)}
    return _("The signature window closed on %(date)s: no more signatures are taken.") % {
        "date": _date(initiative.closes_on)
    }


def _may_sign_for(actor: User, organization: Organization) -> None:
    if organization.verification_status != VerificationStatus.VERIFIED:
        raise ValidationError(
            {
                "organization": _("%(organization)s is not verified yet: only verified CSOs sign.")
                % {"organization": organization}
            }
        )
    if not permissions.can_sign_for(actor, organization):
        raise ValidationError(
            {
                "organization": _("Only an administrator of %(organization)s can sign for it.")
                % {"organization": organization}
            }
        )


def _already_signed(organization: Organization) -> ValidationError:
    return ValidationError(
        {"organization": _("%(organization)s has already signed this initiative.") % {"organization": organization}}
    )


@transaction.atomic
def sign(
    *, actor: User, initiative: Initiative, organization: Organization, now: dt.datetime | None = None
) -> Signature:
    """The CSO's signature, given by one of its admins while the window is open: one per CSO (a
    database constraint). Signing again after a withdrawal restores the same row."""
    now = now or timezone.now()
    initiative = _locked(initiative)  # two admins of one CSO signing at once: one waits for the other
    refusal = _window_refusal(initiative, timezone.localdate(now))
    if refusal:
        raise ValidationError(refusal)
    _may_sign_for(actor, organization)
    if PaperSignature.objects.filter(initiative=initiative, organization=organization).exists():
        raise ValidationError(
            {
                "organization": _("%(organization)s signed this initiative on paper; it is counted there.")
                % {"organization": organization}
            }
        )
    existing = Signature.objects.select_for_update().filter(initiative=initiative, organization=organization).first()
    with actor_context(actor, action="partnerships.initiative_sign"):
        if existing is not None:
            if existing.is_active:
                raise _already_signed(organization)
            existing.withdrawn_at = existing.withdrawn_by = None
            existing.signed_by, existing.signed_at = actor, now
            existing.save(update_fields=["withdrawn_at", "withdrawn_by", "signed_by", "signed_at"])
            return existing
        try:
            with transaction.atomic():
                return Signature.objects.create(
                    initiative=initiative, organization=organization, signed_by=actor, signed_at=now
                )
        except IntegrityError as error:  # signature_one_per_cso: a signature that got in first
            raise _already_signed(organization) from error


@transaction.atomic
def signature_withdraw(
    *, actor: User, initiative: Initiative, organization: Organization, now: dt.datetime | None = None
) -> Signature:
    """Takes the CSO's signature back (its admin, until the window closes); the row keeps who and when."""
    now = now or timezone.now()
    initiative = _locked(initiative)
    _may_sign_for(actor, organization)
    signature = Signature.objects.select_for_update().filter(initiative=initiative, organization=organization).first()
    if signature is None or not signature.is_active:
        raise ValidationError(_("%(organization)s has not signed this initiative.") % {"organization": organization})
    if not initiative.window_is_open(timezone.localdate(now)):
        raise ValidationError(_("The signature window is closed: the signature can no longer be withdrawn."))
    signature.withdrawn_at, signature.withdrawn_by = now, actor
    with actor_context(actor, action="partnerships.initiative_signature_withdraw"):
        signature.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return signature


@transaction.atomic
def paper_signature_add(
    *,
    actor: User,
    initiative: Initiative,
    organization_name: str,
    signatory_name: str,
    signed_on: dt.date,
    proof: File,
    organization: Organization | None = None,
    today: dt.date | None = None,
) -> PaperSignature:
    """A signature collected on paper within the window, entered by the staff of the initiative's
    centre with the scanned page (until the text is delivered: the list handed over is final);
    counted apart from those given on the platform. A CSO on the platform signs once: on paper or
    online, not both."""
    initiative = _locked(initiative)
    if not permissions.can_enter_paper_signature(actor, initiative):
        raise PermissionDenied
    today = today or timezone.localdate()
    if initiative.status != InitiativeStatus.PUBLISHED or initiative.opens_on is None or initiative.closes_on is None:
        raise ValidationError(_("Paper signatures are taken once the text is published and until it is delivered."))
    if signed_on > today:
        raise ValidationError({"signed_on": _("The date of signature cannot be in the future.")})
    if not initiative.opens_on <= signed_on <= initiative.closes_on:
        raise ValidationError(
            {
                "signed_on": _("The page must be signed within the window, from %(opens)s to %(closes)s.")
                % {
                    "opens": _date(initiative.opens_on),
                    "closes": _date(initiative.closes_on),
                }
            }
        )
    if organization is not None:
        if Signature.objects.filter(
            initiative=initiative, organization=organization, withdrawn_at__isnull=True
        ).exists():
            raise ValidationError(
                {
                    "organization": _("%(organization)s has already signed online: it is not counted twice.")
                    % {"organization": organization}
                }
            )
        if PaperSignature.objects.filter(initiative=initiative, organization=organization).exists():
            raise ValidationError(
                {
                    "organization": _("A paper signature of %(organization)s is already entered.")
                    % {"organization": organization}
                }
            )
    paper = PaperSignature(
        initiative=initiative,
        organization=organization,
        organization_name=(organization_name or "").strip() or (organization.name if organization else ""),
        signatory_name=signatory_name.strip(),
        signed_on=signed_on,
        proof=proof,
        proof_filename=(getattr(proof, "name", "") or "")[:255],
        entered_by=actor,
    )
    paper.full_clean(exclude=["initiative", "organization", "entered_by"])
    with actor_context(actor, action="partnerships.initiative_paper_signature_add"):
        try:
            with transaction.atomic():
                paper.save()
        except IntegrityError as error:  # paper_signature_one_per_cso
            raise ValidationError(
                {
                    "organization": _("A paper signature of %(organization)s is already entered.")
                    % {"organization": organization}
                }
            ) from error
    return paper
