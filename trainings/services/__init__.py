"""Every write of trainings, one module per sub-domain (keyword-only functions taking the actor).

`events` (and sessions), `registrations`, `participants`, `attendance` (and sign-in sheets),
`certificates`, `learning` (materials, knowledge tests, feedback); `common` holds the event row lock
and the notice to registrants. Services stand on the models, `trainings.permissions` and
`trainings.workflows`; `certificates` queues `trainings.tasks`, which imports no service. The names
are re-exported here, so callers write `from trainings import services; services.event_save(...)`.
"""

from trainings.services.attendance import attendance_import, attendance_record, sign_in_sheet_add
from trainings.services.certificates import certificate_eligibility, certificates_issue
from trainings.services.events import event_cancel, event_complete, event_publish, event_save, session_period
from trainings.services.learning import (
    feedback_allowed,
    feedback_submit,
    knowledge_test_allowed,
    knowledge_test_submit,
    material_count_download,
    material_upload,
)
from trainings.services.participants import normalize_phone, participant_merge, participant_save
from trainings.services.registrations import (
    registration_cancel,
    registration_create,
    registration_for_colleague,
    registration_reject,
)

__all__ = [
    "attendance_import",
    "attendance_record",
    "certificate_eligibility",
    "certificates_issue",
    "event_cancel",
    "event_complete",
    "event_publish",
    "event_save",
    "feedback_allowed",
    "feedback_submit",
    "knowledge_test_allowed",
    "knowledge_test_submit",
    "material_count_download",
    "material_upload",
    "normalize_phone",
    "participant_merge",
    "participant_save",
    "registration_cancel",
    "registration_create",
    "registration_for_colleague",
    "registration_reject",
    "session_period",
    "sign_in_sheet_add",
]
