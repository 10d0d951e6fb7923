"""The staff directory export: the filtered list, one row per organisation."""

from django.utils.translation import gettext as _

from core.exports import Exporter
from organizations import permissions, selectors
from organizations.forms import DirectoryFilterForm
from organizations.models import ThematicArea


def _filters(params: dict) -> dict:
    form = DirectoryFilterForm(params)
    return form.cleaned_data if form.is_valid() else {}


def _columns() -> list[str]:
    return [
        _("Name"),
        _("Name in English"),
        _("Acronym"),
        _("Governorate"),
        _("District"),
        _("Nearest centre"),
        _("Registration status"),
        _("Registration number"),
        _("Thematic areas"),
        _("Women-led"),
        _("Youth-led"),
        _("Verification"),
        _("Staff: women"),
        _("Staff: men"),
        _("Volunteers: women"),
        _("Volunteers: men"),
        _("E-mail"),
        _("Phone"),
    ]


def _rows(user, params):
    themes = dict(ThematicArea.choices)
    yes, no = _("Yes"), _("No")
    for o in selectors.directory(filters=_filters(params)).iterator(chunk_size=500):
        yield [
            o.name,
            o.name_en,
            o.acronym,
            o.get_governorate_display(),
            o.district,
            o.nearest_centre.name,
            o.get_registration_status_display(),
            o.registration_number,
            ", ".join(str(themes.get(t, t)) for t in o.thematic_areas),
            yes if o.is_women_led else no,
            yes if o.is_youth_led else no,
            o.get_verification_status_display(),
            o.staff_women,
            o.staff_men,
            o.volunteers_women,
            o.volunteers_men,
            o.email,
            o.phone,
        ]


DIRECTORY_EXPORT = Exporter(
    kind="organizations",
    title=lambda: _("Organisations"),
    permission=permissions.can_export_directory,
    columns=_columns,
    rows=_rows,
    count=lambda user, params: selectors.directory(filters=_filters(params)).count(),
)
