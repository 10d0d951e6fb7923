"""Workflows as data: for one status field, its states, the transitions between them and who may
make each.

Each app declares its workflows in its own ``workflows.py`` (one ``Workflow`` per status field)::

    EVENT = Workflow(
        "trainings.event",
        states=EventStatus,
        transitions=[
            Transition("publish", {EventStatus.DRAFT}, EventStatus.PUBLISHED, who=can_manage_event),
            Transition("cancel", {EventStatus.DRAFT, EventStatus.PUBLISHED}, EventStatus.CANCELLED,
                       who=can_manage_event),
        ],
    )

Services call ``EVENT.apply("publish", event, actor)`` (or ``check`` before other work, or
``apply_move(case, target, actor)`` where a form picks the target state): a person the rule does not
allow gets ``PermissionDenied``, a transition the current state does not allow gets a
``ValidationError`` in the reader's language. Views ask ``EVENT.actions_for(event, user)`` which
actions to offer, and templates test ``{% if "publish" in actions %}``. Conditions that are not about
the state or the person (a session exists, the deadline has not passed) stay in the service, after
the check.

``who`` is called as ``who(user, obj)``. ``who=None`` means the transition is made by the system
(a task, another service, the waiting-list promotion): it is never offered to a person, and
``apply`` without an actor is allowed only for those. ``refusals`` may give an action (or an action
from one state, keyed ``(action, state)``) the message ``check`` and ``apply`` raise when the state
does not allow it, instead of the generic sentence (where the pages have always said something more
precise); ``refusal`` replaces the generic sentence itself for a workflow. Every workflow is registered by name;
``all_workflows()`` loads each app's ``workflows`` module, and the tests and ``docs/workflows.md``
are checked against the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

Rule = Callable[[Any, Any], bool]

_REGISTRY: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Transition:
    """``action`` moves a record from any of ``sources`` to ``target``. ``who(user, obj)`` says who
    may (None: only the system). ``note`` is for the design document (a condition the service adds)."""

    action: str
    sources: Iterable[str]
    target: str
    who: Rule | None = None
    note: str = ""
    sources_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources_set", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "target", str(self.target))

    @property
    def automatic(self) -> bool:
        return self.who is None

    def allows(self, user, obj) -> bool:
        return self.who is not None and user is not None and bool(self.who(user, obj))


class Workflow:
    def __init__(
        self,
        name: str,
        *,
        states: type[models.TextChoices],
        transitions: Iterable[Transition],
        field: str = "status",
        initial: Iterable[str] = (),
        refusals: Mapping[str | tuple[str, str], Any] | None = None,
        refusal: Any = None,
    ) -> None:
        self.name, self.states, self.field = name, states, field
        self.initial = frozenset(str(s) for s in initial)  # states a record may be created in
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        self._by_action: dict[str, list[Transition]] = {}
        values = set(states.values)
        for transition in self.transitions:
            unknown = (transition.sources_set | {transition.target} | self.initial) - values
            if unknown:
                raise ImproperlyConfigured(f"{name}: {transition.action} names unknown states {sorted(unknown)}")
            self._by_action.setdefault(transition.action, []).append(transition)
        for action, alike in self._by_action.items():
            overlap = [a.sources_set & b.sources_set for i, a in enumerate(alike) for b in alike[i + 1 :]]
            if any(overlap):
                raise ImproperlyConfigured(f"{name}: two '{action}' transitions leave the same state")
        # action, or (action, state) where the state changes the reason -> the message of a refusal
        self._action_refusals = {
            (key if isinstance(key, tuple) else (key, None)): message for key, message in (refusals or {}).items()
        }
        self._refusal = refusal  # the generic sentence, with %(record)s, %(current)s and %(new)s
        unknown_actions = {action for action, _state in self._action_refusals} - set(self._by_action)
        bad_states = {state for _action, state in self._action_refusals if state is not None} - values
        if bad_states:
            raise ImproperlyConfigured(f"{name}: refusals name unknown states {sorted(bad_states)}")
        if unknown_actions:
            raise ImproperlyConfigured(f"{name}: refusals name unknown actions {sorted(unknown_actions)}")
        if name in _REGISTRY:
            raise ImproperlyConfigured(f"Two workflows are named {name}")
        _REGISTRY[name] = self

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    # --- reading the table ------------------------------------------------------------------------

    @property
    def actions(self) -> list[str]:
        return list(self._by_action)

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.field))

    def transition(self, action: str, state: str) -> Transition | None:
        """The transition ``action`` from ``state``, or None when the table has none."""
        if action not in self._by_action:
            raise ImproperlyConfigured(f"{self.name} has no action '{action}'")
        return next((t for t in self._by_action[action] if str(state) in t.sources_set), None)

    def targets(self, state: str) -> set[str]:
        return {t.target for t in self.transitions if str(state) in t.sources_set}

    def can_move(self, state: str, target: str) -> bool:
        return str(target) in self.targets(state)

    def actions_for(self, obj, user) -> frozenset[str]:
        """The actions this person may take on this record now (what the page offers)."""
        state = self.state_of(obj)
        return frozenset(t.action for t in self.transitions if state in t.sources_set and t.allows(user, obj))

    def permits(self, action: str, obj, user) -> bool:
        return action in self.actions_for(obj, user)

    # --- enforcing it ------------------------------------------------------------------------------

    def check(self, action: str, obj, actor=None) -> Transition:
        """The transition, or PermissionDenied (the rule refuses this person) or ValidationError (not
        from this state). ``actor=None`` is the system, allowed only automatic transitions."""
        candidates = self._by_action.get(action)
        if candidates is None:
            raise ImproperlyConfigured(f"{self.name} has no action '{action}'")
        state = self.state_of(obj)
        transition = next((t for t in candidates if state in t.sources_set), None)
        rule = (transition or candidates[0]).who
        if actor is None:
            if rule is not None:
                raise PermissionDenied
        elif rule is None or not rule(actor, obj):
            raise PermissionDenied
        if transition is None:
            raise ValidationError(self.refusal_message(action, obj), code="invalid_transition")
        return transition

    def check_move(self, obj, target: str, actor=None) -> Transition:
        """As check, for a page where the person picks the new state."""
        state = self.state_of(obj)
        transition = next((t for t in self.transitions if state in t.sources_set and t.target == str(target)), None)
        if transition is None:
            if actor is not None and not any(t.allows(actor, obj) for t in self.transitions if t.target == str(target)):
                raise PermissionDenied
            raise ValidationError(self.refusal(obj, target), code="invalid_transition")
        return self.check(transition.action, obj, actor)

    def apply(self, action: str, obj, actor=None) -> Transition:
        """Checks, then sets the status field (the caller saves, with its own update_fields)."""
        transition = self.check(action, obj, actor)
        setattr(obj, self.field, transition.target)
        return transition

    def apply_move(self, obj, target: str, actor=None) -> Transition:
        transition = self.check_move(obj, target, actor)
        setattr(obj, self.field, transition.target)
        return transition

    def refusal_message(self, action: str, obj) -> str:
        """What ``check`` says when the state of ``obj`` does not allow ``action``: the message given
        in ``refusals`` for (action, this state), else for the action, else the generic ``refusal``."""
        own = self._action_refusals.get((action, self.state_of(obj))) or self._action_refusals.get((action, None))
        return str(own) if own else self.refusal(obj, self._by_action[action][0].target)

    def refusal(self, obj, target: str) -> str:
        sentence = self._refusal or _("This %(record)s is “%(current)s”: it cannot become “%(new)s”.")
        return str(sentence) % {
            "record": obj._meta.verbose_name,
            "current": self.states(self.state_of(obj)).label,
            "new": self.states(str(target)).label,
        }

    # --- the design document ---------------------------------------------------------------------

    def markdown(self) -> str:
        """The table as it appears in docs/workflows.md (checked by a test)."""
        lines = [f"`{self.name}` (`{self.field}`)", "", "| action | from | to | who |", "|---|---|---|---|"]
        for t in self.transitions:
            sources = ", ".join(f"`{s}`" for s in self.states.values if s in t.sources_set)
            who = "system" if t.who is None else f"`{getattr(t.who, '__name__', repr(t.who))}`"
            note = f" ({t.note})" if t.note else ""
            lines.append(f"| {t.action} | {sources} | `{t.target}` | {who}{note} |")
        return "\n".join(lines)


def all_workflows() -> dict[str, Workflow]:
    """Every workflow of the project (loads each installed app's ``workflows`` module)."""
    autodiscover_modules("workflows")
    return dict(sorted(_REGISTRY.items()))
