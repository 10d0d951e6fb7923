"""Forms of the results pages. The checks that matter (units, splits a measure can make, four eyes)
are in results.rules and the services; the forms only shape the input."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from centers.models import Center
from core import measures
from results.models import (
    SECTIONS,
    Area,
    Cumulation,
    Direction,
    Indicator,
    Level,
    Logframe,
    ManualValue,
    Node,
    Period,
    ProgressReport,
    Unit,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class ReportForm(forms.ModelForm):
    """The narrative of the report. Saving keeps it as a draft: nothing is required until submission."""

    class Meta:
        model = ProgressReport
        fields = ["language", *(name for name, _label, _required in SECTIONS)]
        widgets = {name: forms.Textarea(attrs={"rows": 6, "dir": "auto"}) for name, _label, _required in SECTIONS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, required in SECTIONS:
            field = self.fields[name]
            field.label = label
            field.required = False
            if required:
                field.help_text = _("Required before the report is submitted.")
                field.widget.attrs["data-required-on-submit"] = "1"


class ContributionForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    centre: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Center.objects.order_by("name"),
        required=False,
        empty_label=_("The whole programme"),
    )
    text = forms.CharField(
        label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}), max_length=20000
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), required=False, max_length=5000
    )


class RevisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}), max_length=2000
    )


def _translated_fields(form: forms.Form, names: tuple[str, ...], source: Any, multiline: tuple[str, ...]) -> None:
    """name_en, name_ar, name_ckb... for each translated field, labelled with the language."""
    languages = dict(settings.LANGUAGES)
    for name in names:
        model_field = type(source)._meta.get_field(name)
        for code in LANGUAGE_CODES:
            key = f"{name}_{code}"
            widget = forms.Textarea(attrs={"rows": 2}) if name in multiline else forms.TextInput()
            if code in ("ar", "ckb"):
                widget.attrs["dir"] = "rtl"
            form.fields[key] = forms.CharField(
                label=f"{model_field.verbose_name} ({languages[code]})",
                required=(code == "en" and not model_field.blank),
                initial=getattr(source, key, "") or "",
                widget=widget,
                max_length=getattr(model_field, "max_length", None) or 20000,
            )


class NodeForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    parent: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Serves"), queryset=Node.objects.none(), required=False
    )
    code = forms.CharField(label=_("Code"), max_length=20)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args: Any, logframe: Logframe, node: Node | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = node or Node(logframe=logframe)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = logframe.nodes.exclude(
            level=Level.ACTIVITY
        ).exclude(pk=source.pk)
        if node is not None:
            self.initial.update(
                {"level": node.level, "parent": node.parent, "code": node.code, "position": node.position}
            )
        _translated_fields(self, ("title", "description", "assumptions"), source, ("description", "assumptions"))


class IndicatorForm(forms.Form):
    node: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Result"), queryset=Node.objects.none())
    code = forms.CharField(label=_("Code"), max_length=20)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=0)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=14, decimal_places=2)
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False, min_value=1990, max_value=2100)
    final_target = forms.DecimalField(label=_("Final target"), required=False, max_digits=14, decimal_places=2)
    measure = forms.ChoiceField(label=_("Computed from"), required=False)
    cumulation = forms.ChoiceField(label=_("Value to date"), choices=Cumulation.choices)
    disaggregations = forms.MultipleChoiceField(
        label=_("Split by"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, logframe: Logframe, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.logframe = logframe
        self.periods = list(logframe.periods.order_by("number"))
        cast(forms.ModelChoiceField, self.fields["node"]).queryset = logframe.nodes.order_by("position", "code")
        cast(forms.ChoiceField, self.fields["measure"]).choices = [("", _("Entered by hand, period by period"))] + [
            (m.code, f"{m.label} ({m.code})") for m in measures.all_measures()
        ]
        cast(forms.ChoiceField, self.fields["disaggregations"]).choices = [
            (d.code, d.label) for d in measures.all_dimensions()
        ]
        source = indicator or Indicator(logframe=logframe)
        targets: dict[int, Decimal] = {}
        if indicator is not None:
            self.initial.update(
                {
                    name: getattr(indicator, name)
                    for name in (
                        "node",
                        "code",
                        "position",
                        "unit",
                        "direction",
                        "baseline",
                        "baseline_year",
                        "final_target",
                        "measure",
                        "cumulation",
                        "disaggregations",
                    )
                }
            )
            targets = {t.period_id: t.value for t in indicator.targets.all()}
        _translated_fields(
            self,
            ("name", "definition", "means_of_verification", "assumptions"),
            source,
            ("definition", "means_of_verification", "assumptions"),
        )
        for period in self.periods:
            self.fields[f"target_{period.number}"] = forms.DecimalField(
                label=_("Target by the end of period %(number)s (%(end)s)")
                % {"number": period.number, "end": period.end},
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=targets.get(period.pk),
            )

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{p.number}"] for p in self.periods]

    def data_for_service(self) -> tuple[dict[str, Any], dict[Period, Decimal | None]]:
        data = dict(self.cleaned_data)
        targets = {p: data.pop(f"target_{p.number}") for p in self.periods}
        data["measure"] = data.get("measure") or ""
        data["filters"] = {}
        return data, targets


class ManualValueForm(forms.ModelForm):
    class Meta:
        model = ManualValue
        fields = ["value", "evidence_file", "evidence_link", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        for code in indicator.disaggregations:
            dimension = measures.dimension(code)
            if dimension is None:
                continue
            saved = (self.instance.by or {}).get(code, {}) if self.instance.pk else {}
            for value, label in dimension.values():
                self.fields[f"by__{code}__{value}"] = forms.DecimalField(
                    label=f"{dimension.label}: {label}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    initial=saved.get(str(value)),
                )

    def split(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for key, value in self.cleaned_data.items():
            if key.startswith("by__") and value is not None:
                _prefix, code, item = key.split("__", 2)
                found.setdefault(code, {})[item] = format(value, "f")
        return found
