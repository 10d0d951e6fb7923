"""The grants models, one module per sub-domain; every model and enum is re-exported here, so
`from grants.models import X` and the migrations see one `grants.models`.

pghistory adds the audit event models (`GrantCallStatusEvent`, `PaymentEvent`...) to this module
itself when it tracks a model, whichever submodule defines it.
"""

from grants.models.accompaniment import ActionStatus, FollowUpAction, MentoringVisit, VisitKind
from grants.models.agreements import (
    AgreementStatus,
    ConditionKind,
    GrantAgreement,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from grants.models.amendments import (
    AgreementBudgetLine,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    BudgetAmount,
    BudgetVersion,
)
from grants.models.applications import (
    Application,
    ApplicationAnswer,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationVersion,
    BudgetCategory,
    BudgetLine,
    Decision,
    Eligibility,
)
from grants.models.calls import (
    AutomaticCheck,
    CallQuestion,
    CallStatus,
    Clarification,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    QuestionKind,
    RequiredAttachment,
)
from grants.models.money import MONEY, Currency
from grants.models.payments import ExchangeRate, Payment
from grants.models.reports import (
    BENEFICIARY_FIELDS,
    GrantReport,
    ReportExpense,
    ReportKind,
    ReportReceipt,
    ReportStatus,
)
from grants.models.reviews import AssignmentStatus, ReviewAssignment, ReviewScore

__all__ = [
    "BENEFICIARY_FIELDS",
    "MONEY",
    "ActionStatus",
    "AgreementBudgetLine",
    "AgreementStatus",
    "Amendment",
    "AmendmentKind",
    "AmendmentStatus",
    "Application",
    "ApplicationAnswer",
    "ApplicationAttachment",
    "ApplicationStatus",
    "ApplicationVersion",
    "AssignmentStatus",
    "AutomaticCheck",
    "BudgetAmount",
    "BudgetCategory",
    "BudgetLine",
    "BudgetVersion",
    "CallQuestion",
    "CallStatus",
    "Clarification",
    "ConditionKind",
    "Currency",
    "Decision",
    "Eligibility",
    "EligibilityCriterion",
    "EvaluationCriterion",
    "ExchangeRate",
    "FollowUpAction",
    "GrantAgreement",
    "GrantCall",
    "GrantReport",
    "MentoringVisit",
    "Payment",
    "QuestionKind",
    "ReportExpense",
    "ReportKind",
    "ReportReceipt",
    "ReportStatus",
    "RequiredAttachment",
    "ReviewAssignment",
    "ReviewScore",
    "Tranche",
    "TrancheCondition",
    "TrancheStatus",
    "VisitKind",
]
