"""Forms of reviews: assigning reviewers, the declaration and the scores."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    """The reviewers with their count of open reviews (annotated as `open_reviews` by the view)."""

    def label_from_instance(self, obj: User) -> str:
        return _("%(name)s (%(count)d open reviews)") % {
            "name": obj.full_name,
            "count": obj.open_reviews,  # type: ignore[attr-defined]  # the queryset's annotation
        }


class AssignReviewersForm(forms.Form):
    reviewers = ReviewerChoiceField(label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(ReviewerChoiceField, self.fields["reviewers"]).queryset = reviewers


class DeclarationForm(forms.Form):
    NO_CONFLICT, CONFLICT = "none", "conflict"

    decision = forms.ChoiceField(
        label=_("Declaration"),
        choices=[
            (
                NO_CONFLICT,
                _("I have no conflict of interest with this applicant and will keep the application confidential."),
            ),
            (
                CONFLICT,
                _("I have a conflict of interest (for example a family, work or financial link) and withdraw."),
            ),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False)


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", "–"), ("fund", _("Fund")), ("conditions", _("Fund with changes")), ("reject", _("Do not fund"))],
    )
    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            old = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.title} (0-{criterion.max_score})",
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
                initial=old.score if old else None,
            )
            self.fields[f"na_{criterion.pk}"] = forms.BooleanField(
                label=_("Not applicable"), required=False, initial=old.not_applicable if old else False
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, initial=old.comment if old else ""
            )

    def scores(self) -> dict:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"na_{c.pk}", False),
                self.cleaned_data.get(f"note_{c.pk}", ""),
            )
            for c in self.criteria
        }
