"""The workflow mechanism (core.workflow) and the one way views call services (core.viewhelpers)."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.test import RequestFactory

from core import workflow
from core.viewhelpers import panel_or_page, run_service, submitted
from core.workflow import Transition, Workflow


class Door(models.TextChoices):
    SHUT = "shut", "Shut"
    OPEN = "open", "Open"
    LOCKED = "locked", "Locked"


def keyholder(user, obj) -> bool:
    return user.has_key


def anyone(user, obj) -> bool:
    return True


@pytest.fixture
def door_flow():
    flow = Workflow(
        "test.door",
        states=Door,
        initial=[Door.SHUT],
        transitions=[
            Transition("open", {Door.SHUT}, Door.OPEN, who=anyone),
            Transition("shut", {Door.OPEN}, Door.SHUT, who=anyone),
            Transition("lock", {Door.SHUT}, Door.LOCKED, who=keyholder),
            Transition("unlock", {Door.LOCKED}, Door.SHUT, who=keyholder),
            Transition("jam", {Door.OPEN, Door.SHUT}, Door.LOCKED, note="the wind"),
        ],
    )
    yield flow
    workflow._REGISTRY.pop("test.door")


def door(state):
    return SimpleNamespace(status=state, _meta=SimpleNamespace(verbose_name="door"))


WITH_KEY, WITHOUT_KEY = SimpleNamespace(has_key=True), SimpleNamespace(has_key=False)


def test_apply_moves_the_record_and_returns_the_transition(door_flow):
    record = door(Door.SHUT)
    transition = door_flow.apply("lock", record, WITH_KEY)
    assert record.status == Door.LOCKED
    assert transition.action == "lock"


def test_a_state_the_table_does_not_allow_is_refused_with_a_readable_message(door_flow):
    record = door(Door.OPEN)
    with pytest.raises(ValidationError) as refused:
        door_flow.apply("lock", record, WITH_KEY)
    assert refused.value.messages == ["This door is “Open”: it cannot become “Locked”."]
    assert record.status == Door.OPEN


def test_a_person_the_rule_does_not_allow_is_refused_before_the_state_is_looked_at(door_flow):
    for state in (Door.SHUT, Door.OPEN):  # allowed state and refused state alike
        with pytest.raises(PermissionDenied):
            door_flow.check("lock", door(state), WITHOUT_KEY)


def test_system_transitions_need_no_actor_and_are_never_offered_to_people(door_flow):
    record = door(Door.OPEN)
    door_flow.apply("jam", record)
    assert record.status == Door.LOCKED
    with pytest.raises(PermissionDenied):
        door_flow.check("jam", door(Door.OPEN), WITH_KEY)
    with pytest.raises(PermissionDenied):  # and a person's transition needs the person
        door_flow.check("open", door(Door.SHUT))
    assert "jam" not in door_flow.actions_for(door(Door.SHUT), WITH_KEY)


def test_actions_for_lists_what_this_person_may_do_from_this_state(door_flow):
    assert door_flow.actions_for(door(Door.SHUT), WITH_KEY) == {"open", "lock"}
    assert door_flow.actions_for(door(Door.SHUT), WITHOUT_KEY) == {"open"}
    assert door_flow.actions_for(door(Door.LOCKED), WITHOUT_KEY) == set()
    assert door_flow.permits("unlock", door(Door.LOCKED), WITH_KEY)


def test_moves_by_target_follow_the_same_table(door_flow):
    record = door(Door.LOCKED)
    door_flow.apply_move(record, Door.SHUT, WITH_KEY)
    assert record.status == Door.SHUT
    with pytest.raises(ValidationError):
        door_flow.apply_move(door(Door.LOCKED), Door.OPEN, WITH_KEY)
    with pytest.raises(PermissionDenied):  # nobody without a key may ever make a door locked
        door_flow.apply_move(door(Door.SHUT), Door.LOCKED, WITHOUT_KEY)
    assert door_flow.targets(Door.SHUT) == {"open", "locked"}
    assert door_flow.can_move(Door.OPEN, Door.SHUT) and not door_flow.can_move(Door.LOCKED, Door.OPEN)


def test_the_table_is_checked_when_it_is_declared(door_flow):
    with pytest.raises(ImproperlyConfigured, match="unknown states"):
        Workflow("test.bad", states=Door, transitions=[Transition("fly", {"flying"}, Door.OPEN)])
    with pytest.raises(ImproperlyConfigured, match="same state"):
        Workflow(
            "test.bad",
            states=Door,
            transitions=[Transition("go", {Door.SHUT}, Door.OPEN), Transition("go", {Door.SHUT}, Door.LOCKED)],
        )
    with pytest.raises(ImproperlyConfigured, match="Two workflows"):
        Workflow("test.door", states=Door, transitions=[])
    with pytest.raises(ImproperlyConfigured, match="no action"):
        door_flow.check("kick", door(Door.SHUT), WITH_KEY)
    assert "test.bad" not in workflow._REGISTRY


def test_an_action_may_carry_its_own_refusal_instead_of_the_generic_one(door_flow):
    flow = Workflow(
        "test.gate",
        states=Door,
        transitions=[
            Transition("open", {Door.SHUT}, Door.OPEN, who=anyone),
            Transition("shut", {Door.OPEN}, Door.SHUT),
        ],
        refusals={"open": "Only a shut gate opens."},
    )
    try:
        with pytest.raises(ValidationError) as refused:
            flow.apply("open", door(Door.OPEN), WITH_KEY)
        assert refused.value.messages == ["Only a shut gate opens."]
        assert refused.value.error_list[0].code == "invalid_transition"
        assert flow.refusal_message("shut", door(Door.SHUT)) == "This door is “Shut”: it cannot become “Shut”."
        with pytest.raises(PermissionDenied):  # the person is still looked at first
            flow.apply("shut", door(Door.SHUT), WITH_KEY)
        with pytest.raises(ImproperlyConfigured, match="unknown actions"):
            Workflow("test.bad", states=Door, transitions=[], refusals={"fly": "No."})
    finally:
        workflow._REGISTRY.pop("test.gate")
    assert "test.bad" not in workflow._REGISTRY


def test_markdown_names_every_transition_and_who_makes_it(door_flow):
    table = door_flow.markdown()
    assert "| lock | `shut` | `locked` | `keyholder` |" in table
    assert "| jam | `shut`, `open` | `locked` | system (the wind) |" in table


# --- core.viewhelpers ------------------------------------------------------------------------------


class NameForm(forms.Form):
    name = forms.CharField()


def request_for(method="post", data=None, htmx=False):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = htmx
    return request


def refuse(**errors):
    raise ValidationError(errors or "Refused as a whole.")


def test_submitted_validates_every_form_so_each_shows_its_errors():
    request = request_for(data={"name": ""})
    first, second = NameForm(request.POST), NameForm(request.POST, prefix="other")
    assert not submitted(request, first, second)
    assert first.errors and second.errors
    assert not submitted(request_for("get"), NameForm())
    assert submitted(request_for(data={"name": "Zaytun"}), NameForm({"name": "Zaytun"}))


def test_run_service_puts_a_refusal_under_the_field_it_names():
    request = request_for(data={"name": "x"})
    form = NameForm(request.POST)
    assert form.is_valid()
    outcome = run_service(request, lambda: refuse(name="Taken."), form=form, success="Saved.")
    assert not outcome and outcome.error is not None
    assert form.errors == {"name": ["Taken."]}
    assert [str(m) for m in get_messages(request)] == []


def test_run_service_without_a_form_shows_the_refusal_as_messages():
    request = request_for()
    outcome = run_service(request, refuse, success="Saved.")
    assert not outcome
    assert [str(m) for m in get_messages(request)] == ["Refused as a whole."]


def test_run_service_quiet_returns_the_refusal_without_showing_it():
    request = request_for()
    form = NameForm({"name": "x"})
    outcome = run_service(request, lambda: refuse(name="Taken."), form=form, quiet=True)
    assert not outcome and outcome.error.messages == ["Taken."]
    assert [str(m) for m in get_messages(request)] == []
    assert form.errors == {}


def test_run_service_returns_the_result_and_flashes_success():
    request = request_for()
    outcome = run_service(request, lambda: 42, success=lambda value: f"Made {value}.")
    assert outcome and outcome.value == 42
    assert [str(m) for m in get_messages(request)] == ["Made 42."]


def test_run_service_lets_permission_denied_through():
    def forbidden():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        run_service(request_for(), forbidden)


def test_panel_or_page_answers_htmx_with_the_fragment_and_a_plain_post_with_the_page(settings, tmp_path):
    (tmp_path / "panel.html").write_text("<section>{{ word }}</section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    fragment = panel_or_page(
        request_for(htmx=True), panel="panel.html", context={"word": "fragment"}, page=lambda: HttpResponse("page")
    )
    assert fragment.content.decode() == "<section>fragment</section>"
    whole = panel_or_page(request_for(), panel="panel.html", context={"word": "x"}, page=lambda: HttpResponse("page"))
    assert whole.content == b"page"


def test_refusals_may_name_an_action_or_an_action_from_one_state_and_replace_the_generic_sentence():
    flow = Workflow(
        "test.gate",
        states=Door,
        refusal="The gate is %(current)s, not ready to be %(new)s.",
        refusals={"lock": "Shut it first.", ("unlock", Door.OPEN): "It is open already."},
        transitions=[
            Transition("lock", {Door.SHUT}, Door.LOCKED, who=anyone),
            Transition("unlock", {Door.LOCKED}, Door.SHUT, who=anyone),
            Transition("open", {Door.SHUT}, Door.OPEN, who=anyone),
        ],
    )
    try:
        with pytest.raises(ValidationError, match="Shut it first."):
            flow.check("lock", door(Door.OPEN), WITH_KEY)
        with pytest.raises(ValidationError, match="It is open already."):
            flow.check("unlock", door(Door.OPEN), WITH_KEY)
        with pytest.raises(ValidationError) as generic:
            flow.check("open", door(Door.LOCKED), WITH_KEY)
        assert generic.value.messages == ["The gate is Locked, not ready to be Open."]
        with pytest.raises(ImproperlyConfigured, match="unknown states"):
            Workflow("test.bad", states=Door, transitions=flow.transitions, refusals={("lock", "ajar"): "x"})
    finally:
        workflow._REGISTRY.pop("test.gate")
