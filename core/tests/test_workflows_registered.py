"""Every workflow of the project is declared as data (core.workflow) and documented as it is."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from core.workflow import all_workflows

# The status fields the issue tracker and the design guide name: each must have its table.
REQUIRED = [
    ("trainings.Event", "status"),
    ("trainings.Registration", "status"),
    ("grants.Application", "status"),
    ("grants.ReviewAssignment", "status"),
    ("grants.Tranche", "status"),
    ("grants.GrantReport", "status"),
    ("grants.Amendment", "status"),
    ("grants.GrantAgreement", "status"),
    ("legal_aid.LegalCase", "status"),
    ("organizations.Organization", "verification_status"),
    ("organizations.Invitation", "status"),
    ("commons.Entry", "status"),
]


def choice_values(model_label, field):
    return {str(value) for value, _label in apps.get_model(model_label)._meta.get_field(field).choices}


@pytest.mark.parametrize(("model_label", "field"), REQUIRED)
def test_each_status_field_has_a_workflow_covering_its_states(model_label, field):
    values = choice_values(model_label, field)
    matches = [w for w in all_workflows().values() if w.field == field and set(w.states.values) == values]
    assert matches, f"{model_label}.{field} has no workflow in its app's workflows.py"
    flow = matches[0]
    reachable = set(flow.initial) | {t.target for t in flow.transitions}
    assert values <= reachable, f"{flow.name}: states no transition leads to: {sorted(values - reachable)}"


def test_every_workflow_is_in_the_design_document_as_it_is_in_the_code():
    document = (Path(settings.BASE_DIR) / "docs" / "workflows.md").read_text()
    stale = [name for name, flow in all_workflows().items() if flow.markdown() not in document]
    assert not stale, f"docs/workflows.md does not show the current table of {stale}: paste flow.markdown()"


def test_every_transition_that_people_make_names_a_permission_predicate():
    for flow in all_workflows().values():
        for transition in flow.transitions:
            if transition.who is not None:
                assert transition.who.__module__.endswith("permissions"), (flow.name, transition.action)
