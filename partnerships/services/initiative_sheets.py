"""The signature list of a published initiative as a PDF, made in the background (an export job of
kind "partnerships-signatures", core.tasks.run_export, with its progress page) and recorded as a
SignatureSheet: the SHA-256 of the file's bytes, the code printed on it and the list it carried, so
the public verification page can tell a genuine copy from an altered one."""

import hashlib
import secrets
from collections.abc import Callable
from typing import cast

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import actor_context
from core.exports import Exporter
from partnerships import permissions
from partnerships.models import Initiative, SignatureSheet
from partnerships.selectors.initiatives import signatories

Progress = Callable[[int], None]
ONLINE, PAPER = "online", "paper"


def _nothing(step: int) -> None:
    return None


def snapshot(initiative: Initiative) -> list[dict[str, str]]:
    """The signatories as the list carries them: online ones first, then those on paper."""
    listed = signatories(initiative)
    rows = [
        {"name": str(s.organization), "kind": ONLINE, "signed": timezone.localdate(s.signed_at).isoformat()}
        for s in listed.online
    ]
    rows += [{"name": p.organization_name, "kind": PAPER, "signed": p.signed_on.isoformat()} for p in listed.paper]
    return rows


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL}{reverse('partnerships:initiative_verify')}?code={code}"


def sheet_pdf(initiative: Initiative, *, rows: list[dict[str, str]], code: str, issued_at) -> bytes:
    """The list in the active language (right to left for Arabic and Kurdish), with a QR code to the
    public check."""
    from weasyprint import HTML  # noqa: PLC0415 importing weasyprint loads Pango: only where a PDF is made

    url = verify_url(code)
    html = render_to_string(
        "partnerships/pdf/initiative_signatures.html",
        {
            "initiative": initiative,
            "version": initiative.published_version,
            "online": [r for r in rows if r["kind"] == ONLINE],
            "paper": [r for r in rows if r["kind"] == PAPER],
            "code": code,
            "issued_at": issued_at,
            "verify_url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=1),
            "rtl": translation.get_language_bidi(),
            "language": translation.get_language(),
            "text_rtl": translation.get_language_info(initiative.language)["bidi"],
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def signature_sheet_issue(
    *, actor: User, initiative: Initiative, on_progress: Progress = _nothing
) -> tuple[SignatureSheet, bytes]:
    """Renders the list of who signed now and records what was issued. The signatures are read
    once, without a lock (a CSO signing meanwhile is on the next list)."""
    if not permissions.can_issue_signature_list(actor, initiative):
        raise PermissionDenied
    rows = snapshot(initiative)
    on_progress(1)
    code = secrets.token_hex(6).upper()
    issued_at = timezone.now()
    content = sheet_pdf(initiative, rows=rows, code=code, issued_at=issued_at)
    on_progress(2)
    with actor_context(actor, action="partnerships.initiative_signature_list"):
        sheet = SignatureSheet.objects.create(
            initiative=initiative,
            sha256=hashlib.sha256(content).hexdigest(),
            code=code,
            signatories=rows,
            issued_at=issued_at,
            issued_by=actor,
        )
    return sheet, content


def _initiative(user: User, params: dict) -> Initiative:
    number = str(params.get("initiative", ""))
    initiative = None
    if number.isdigit():
        initiative = (
            Initiative.objects.select_related("lead_organization", "coalition", "published_version")
            .prefetch_related("coalition__members")
            .filter(pk=int(number))
            .first()
        )
    if initiative is None or not permissions.can_issue_signature_list(user, initiative):
        raise ValueError(_("There is no such initiative, or its signature list is not yours to issue."))
    return initiative


def build_signature_list(user: object, params: dict, fmt: str, on_progress: Progress) -> bytes:
    actor = cast(User, user)
    _sheet, content = signature_sheet_issue(actor=actor, initiative=_initiative(actor, params), on_progress=on_progress)
    return content


SIGNATURE_LIST_EXPORT = Exporter(
    kind="partnerships-signatures",
    title=lambda: _("Signature list of a joint initiative"),
    permission=lambda user: bool(user.is_authenticated),
    columns=list,
    rows=lambda user, params: [],
    count=lambda user, params: 2,
    build=build_signature_list,
    formats=("pdf",),
    filename=lambda params, fmt: (
        "signatures-" + "".join(c for c in str(params.get("initiative", "")) if c.isdigit())[:10]
    ),
)
