"""The measures of partnerships (core.measures): the share of visiting CSOs that adopted a practice
they saw on an exchange visit, and the joint initiatives that reached a decision-maker or documented
a change. Only counts leave this module."""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core import measures
from organizations.measures import cso_led_of, led_values
from partnerships.models.initiatives import CHANGE_OUTCOMES, AdvocacyOutcome, Delivery, Initiative, OutcomeKind
from partnerships.models.visits import ADOPTION_WINDOW, FollowUpOutcome, VisitingOrganization
from partnerships.selectors.visits import last_session_date

# --- exchange visits ---
# A CSO counts once however many visits it made in the window: it "visited" when the last session of
# one of its visits fell in the window, and it "adopted" when a follow-up of such a visit says adopted
# or adapted with a date within ADOPTION_WINDOW (six months) of that visit's last session. The share's
# denominator is the visiting CSOs whose follow-up is recorded: a follow-up not yet recorded (due 90
# days after the visit) is not known, and counting it as "not adopted" would lower the latest periods
# until their follow-ups come in. partnerships.visiting_csos counts every visiting CSO, recorded or not.
ADOPTING = (FollowUpOutcome.ADOPTED, FollowUpOutcome.ADAPTED)


def _visitors_in_window(query: measures.Query) -> dict[int, dict]:
    """One query: {organisation id: its governorate, whether a follow-up is recorded, whether it
    adopted in time} for the visiting CSOs whose visit ended in the window."""
    window = Q(last_day__lte=query.end) & (Q(last_day__gte=query.start) if query.start else Q())
    rows = VisitingOrganization.objects.annotate(last_day=last_session_date("visit__event_id")).filter(window)
    if query.filters.get("centre"):
        rows = rows.filter(visit__event__centre_id=int(query.filters["centre"]))
    csos: dict[int, dict] = {}
    for row in rows.values("organization_id", "organization__governorate", "outcome", "adopted_on", "last_day"):
        cso = csos.setdefault(
            row["organization_id"],
            {"id": row["organization_id"], "governorate": row["organization__governorate"], "recorded": False},
        )
        cso["recorded"] = cso["recorded"] or bool(row["outcome"])
        in_time = row["adopted_on"] is not None and row["adopted_on"] <= row["last_day"] + ADOPTION_WINDOW
        cso["adopted"] = cso.get("adopted", False) or (row["outcome"] in ADOPTING and in_time)
    return csos


def _split_csos(csos: list[dict], dimensions: tuple[str, ...], led: dict) -> measures.Figures:
    return measures.split(
        csos,
        dimensions,
        {"governorate": lambda cso: [cso["governorate"]], "cso_led": lambda cso: led_values(led, cso["id"])},
    )


def visit_adoption(query: measures.Query, dimensions: tuple[str, ...]) -> measures.Figures:
    """The share (%) of the visiting CSOs with a recorded follow-up that adopted or adapted a practice in time."""
    csos = [cso for cso in _visitors_in_window(query).values() if cso["recorded"]]
    led = cso_led_of([cso["id"] for cso in csos], query.end) if "cso_led" in dimensions else {}
    counted = _split_csos(csos, dimensions, led)
    adopted = _split_csos([cso for cso in csos if cso["adopted"]], dimensions, led)
    return measures.Figures(
        total=measures.percentage(adopted.total, counted.total),
        by={
            d: {key: measures.percentage(adopted.by[d].get(key, Decimal(0)), n) for key, n in counted.by[d].items()}
            for d in dimensions
        },
    )


def visiting_csos(query: measures.Query, dimensions: tuple[str, ...]) -> measures.Figures:
    csos = list(_visitors_in_window(query).values())
    led = cso_led_of([cso["id"] for cso in csos], query.end) if "cso_led" in dimensions else {}
    return _split_csos(csos, dimensions, led)


# --- end visits ---
# --- initiatives ---
# An initiative counts once in a window however many deliveries or outcomes fall in it, under the
# governorate of its lead CSO and that CSO's leadership on the last day of the window. It "reached a
# decision-maker" when its text was delivered to a target, or a meeting with one was held, in the
# window; it "documented a change" when an outcome of CHANGE_OUTCOMES (a position changed, a policy or
# law adopted) dated in the window is recorded, each with its evidence (the database requires it).


def _dated(field: str, query: measures.Query) -> Q:
    return Q(**{f"{field}__lte": query.end}) & (Q(**{f"{field}__gte": query.start}) if query.start else Q())


def _initiatives_where(condition: Q | Exists, query: measures.Query, dimensions: tuple[str, ...]) -> measures.Figures:
    """Two queries at most: the initiatives, then their lead CSOs' leadership (for cso_led)."""
    initiatives = Initiative.objects.filter(condition)
    if query.filters.get("centre"):
        initiatives = initiatives.filter(centre_id=int(query.filters["centre"]))
    rows = list(initiatives.values("pk", "lead_organization_id", "lead_organization__governorate").order_by())
    led = cso_led_of([row["lead_organization_id"] for row in rows], query.end) if "cso_led" in dimensions else {}
    return measures.split(
        rows,
        dimensions,
        {
            "governorate": lambda row: [row["lead_organization__governorate"]],
            "cso_led": lambda row: led_values(led, row["lead_organization_id"]),
        },
    )


def initiatives_reaching(query: measures.Query, dimensions: tuple[str, ...]) -> measures.Figures:
    delivered = Delivery.objects.filter(_dated("delivered_on", query), target__initiative=OuterRef("pk"))
    met = AdvocacyOutcome.objects.filter(
        _dated("occurred_on", query), kind=OutcomeKind.MEETING, target__initiative=OuterRef("pk")
    )
    return _initiatives_where(Exists(delivered) | Exists(met), query, dimensions)


def initiatives_changing(query: measures.Query, dimensions: tuple[str, ...]) -> measures.Figures:
    changed = AdvocacyOutcome.objects.filter(
        _dated("occurred_on", query), kind__in=CHANGE_OUTCOMES, target__initiative=OuterRef("pk")
    )
    return _initiatives_where(Exists(changed), query, dimensions)


# --- end initiatives ---


def register() -> None:
    """Called from PartnershipsConfig.ready()."""
    # --- register: exchange visits ---
    for code, label, unit, compute, description in (
        (
            "partnerships.visit_adoption",
            _("Share of visiting CSOs that adopted a practice seen on an exchange visit"),
            measures.Unit.PERCENTAGE,
            visit_adoption,
            _(
                "Of the CSOs whose exchange visit ended in the period and whose follow-up is recorded, the share "
                "that adopted or adapted at least one practice within six months of the visit."
            ),
        ),
        (
            "partnerships.visiting_csos",
            _("CSOs that took part in an exchange visit"),
            measures.Unit.NUMBER,
            visiting_csos,
            _("CSOs that sent people on an exchange visit that ended in the period, each counted once."),
        ),
    ):
        measures.register(
            measures.Measure(
                code=code,
                label=label,
                unit=unit,
                compute=compute,
                area="partnerships",
                dimensions=frozenset({"governorate", "cso_led"}),
                filters=frozenset({"centre"}),
                description=description,
            )
        )
    # --- end register visits ---
    # --- register: initiatives ---
    for code, label, compute, description in (
        (
            "partnerships.initiatives_reaching",
            _("Joint advocacy initiatives that reached a decision-maker"),
            initiatives_reaching,
            _("Joint initiatives delivered to a decision-maker, or with a meeting held with one, in the period."),
        ),
        (
            "partnerships.initiatives_changing",
            _("Joint advocacy initiatives with a documented change"),
            initiatives_changing,
            _(
                "Joint initiatives with a position changed or a policy or law adopted in the period, "
                "documented with evidence."
            ),
        ),
    ):
        measures.register(
            measures.Measure(
                code=code,
                label=label,
                unit=measures.Unit.NUMBER,
                compute=compute,
                area="partnerships",
                dimensions=frozenset({"governorate", "cso_led"}),
                filters=frozenset({"centre"}),
                description=description,
            )
        )
    # --- end register initiatives ---
