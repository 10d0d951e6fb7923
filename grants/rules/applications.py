"""Reads of an application: its budget totals, what stops its submission, which of the call's
questions it must answer, the content frozen at submission and the automatic eligibility checks."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from grants.models import Application, AutomaticCheck, CallQuestion, GrantCall, QuestionKind
from organizations.models import RegistrationStatus, VerificationStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SECTION_FIELDS = {
    "project": ["title", "summary", "objectives"],
    "activities": ["activities", "duration_months", "locations"],
    "beneficiaries": [
        "beneficiaries_women_youth",
        "beneficiaries_women_adult",
        "beneficiaries_men_youth",
        "beneficiaries_men_adult",
        "beneficiaries_children",
    ],
    "budget": ["cofinancing"],
}


def budget_totals(application: Application) -> dict:
    lines = list(application.budget_lines.all())
    total = sum((line.total for line in lines), Decimal("0"))
    requested = total - application.cofinancing
    share = (application.cofinancing / total * 100).quantize(Decimal("0.01")) if total else Decimal("0")
    return {"lines": lines, "total": total, "requested": requested, "cofinancing_share": share}


REQUIRED_FIELDS = (
    ("project", "title", _("Give the project a title.")),
    ("project", "summary", _("Write the project summary.")),
    ("project", "objectives", _("Write the objectives.")),
    ("activities", "activities", _("List the activities with their timeline.")),
    ("activities", "duration_months", _("Give the duration.")),
    ("activities", "locations", _("Choose where the project takes place.")),
)


def application_problems(application: Application) -> list[tuple[str, "StrOrPromise"]]:
    """What stops submission, as (section, message): the progress view and submission use this."""
    call = application.call
    concept_note = call.two_stages and application.stage == 1
    problems: list[tuple[str, StrOrPromise]] = [
        (section, message)
        for section, field, message in REQUIRED_FIELDS
        if not getattr(application, field) and not (concept_note and section != "project")
    ]
    if concept_note:
        return problems
    if application.duration_months and application.duration_months > call.max_duration_months:
        problems.append(
            (
                "activities",
                _("The project is longer than the call allows (%(months)d months).")
                % {"months": call.max_duration_months},
            )
        )
    problems.extend(answer_problems(application))
    uploaded = set(application.attachments.values_list("required_id", flat=True))
    problems.extend(
        ("attachments", _("Attach: %(document)s.") % {"document": required.name})
        for required in call.attachments.filter(is_required=True)
        if required.pk not in uploaded
    )
    people = sum(getattr(application, f) for f in SECTION_FIELDS["beneficiaries"])
    if not people:
        problems.append(("beneficiaries", _("Say how many women, men and children the project reaches.")))
    problems.extend(("budget", message) for message in _budget_problems(application, call))
    return problems


def _budget_problems(application: Application, call: GrantCall) -> list["StrOrPromise"]:
    totals = budget_totals(application)
    if not totals["lines"]:
        return [_("Add the budget lines.")]
    problems: list[StrOrPromise] = []
    if totals["requested"] < call.min_grant or totals["requested"] > call.max_grant:
        problems.append(
            _("The amount requested (%(requested)s %(currency)s) must be between %(low)s and %(high)s %(currency)s.")
            % {
                "requested": f"{totals['requested']:,.0f}",
                "low": f"{call.min_grant:,.0f}",
                "high": f"{call.max_grant:,.0f}",
                "currency": call.currency,
            }
        )
    if totals["cofinancing_share"] < call.cofinancing_percent:
        problems.append(
            _("The organisation's co-financing must be at least %(percent)s%% of the total budget.")
            % {"percent": f"{call.cofinancing_percent:.0f}"}
        )
    return problems


def question_is_shown(question: CallQuestion, answers: dict) -> bool:
    """A conditional question counts only when the other question has the given answer (compared
    with the English option text, or the typed value), whatever language the form was filled in."""
    if question.show_if_question_id is None:
        return True
    other = question.show_if_question
    assert other is not None  # show_if_question_id is set
    answer = answers.get(other.pk)
    value = answer.value if answer else None
    if value in (None, "", []):
        return False
    wanted = question.show_if_value.strip().lower()
    if other.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = other.options_en or ""  # type: ignore[attr-defined]  # modeltranslation's field
        english = [line.strip().lower() for line in options.splitlines() if line.strip()]
        chosen = value if isinstance(value, list) else [value]
        return any(
            str(index).isdigit() and int(index) < len(english) and english[int(index)] == wanted for index in chosen
        )
    return str(value).strip().lower() == wanted


def answer_problems(application: Application) -> list[tuple[str, "StrOrPromise"]]:
    answers = {a.question_id: a for a in application.answers.select_related("question")}
    problems: list[tuple[str, StrOrPromise]] = []
    for question in application.call.questions.select_related("show_if_question"):
        if not question.required or not question_is_shown(question, answers):
            continue
        answer = answers.get(question.pk)
        empty = answer is None or (answer.value in (None, "", []) and not answer.file)
        if empty:
            problems.append(("questions", _("Answer: %(question)s") % {"question": question.label}))
    return problems


def application_content(application: Application) -> dict:
    """What an application says, as frozen in its version at submission."""
    totals = budget_totals(application)
    fields = [f for fields in SECTION_FIELDS.values() for f in fields]
    content = {
        f: (str(getattr(application, f)) if isinstance(getattr(application, f), Decimal) else getattr(application, f))
        for f in fields
    }
    content["budget"] = [
        {
            "category": line.category,
            "description": line.description,
            "unit": line.unit,
            "quantity": str(line.quantity),
            "unit_cost": str(line.unit_cost),
        }
        for line in totals["lines"]
    ]
    content["total"], content["requested"] = str(totals["total"]), str(totals["requested"])
    content["answers"] = {str(a.question_id): a.value for a in application.answers.all()}
    return content


def automatic_checks(application: Application) -> list[tuple]:
    """(criterion, True/False, or None when the officer must judge) from the CSO's profile."""
    organization = application.organization
    call = application.call
    results = []
    for criterion in call.eligibility_criteria.all():
        check = criterion.auto_check
        if check == AutomaticCheck.VERIFIED:
            passed = organization.verification_status == VerificationStatus.VERIFIED
        elif check == AutomaticCheck.REGISTERED:
            passed = organization.registration_status == RegistrationStatus.REGISTERED
        elif check == AutomaticCheck.FOUNDED_BEFORE:
            assert criterion.year is not None  # the constraint eligibility_founded_before_needs_a_year
            passed = organization.founded_year is not None and organization.founded_year <= criterion.year
        elif check == AutomaticCheck.GOVERNORATE:
            passed = not call.eligible_governorates or organization.governorate in call.eligible_governorates
        else:
            passed = None
        results.append((criterion, passed))
    return results
