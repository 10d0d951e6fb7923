from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from centers.forms import CentreStaffForm, PeopleFilterForm, RoomForm, UserRolesForm
from centers.models import Center, Room
from centers.permissions import can_manage_centre_staff, can_manage_roles, can_manage_rooms, can_view_centre_staff
from centers.selectors import centre_for_user_or_404, centre_of, people_with_roles, public_centres, staff_of_centre
from centers.services import centre_staff_assign, centre_staff_remove, room_save, user_set_roles
from core import panels
from core.forms import posted
from core.permissions import require
from core.shortcuts import get_by_posted_id_or_404
from core.viewhelpers import run_service, submitted


def centre_list(request):
    return render(request, "centers/centre_list.html", {"centres_panel": {"centres": public_centres()}})


def centre_detail(request, slug):
    centre = get_object_or_404(public_centres(), slug=slug)
    staff: QuerySet[User] | list[User] = []
    if can_view_centre_staff(request.user, centre):
        staff = staff_of_centre(centre).order_by("full_name")
    context = {
        "centre": centre,
        "staff": staff,
        "rooms": centre.rooms.filter(is_active=True)
        if not can_manage_rooms(request.user, centre)
        else centre.rooms.all(),
        "can_manage_rooms": can_manage_rooms(request.user, centre),
        "panels": panels.panels_for(panels.CENTRE, request),
    }
    return render(request, "centers/centre_detail.html", context)


@login_required
def room_edit(request, slug, room_pk=None):
    centre = centre_for_user_or_404(request.user, slug, may=can_manage_rooms)
    room = get_object_or_404(Room, pk=room_pk, centre=centre) if room_pk else None
    form = RoomForm(posted(request), instance=room)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: room_save(actor=request.user, centre=centre, room=room, data=form.cleaned_data),
            form=form,
            success=_("The room has been saved."),
        )
        if done:
            return redirect("centers:detail", slug=centre.slug)
    return render(request, "centers/room_form.html", {"form": form, "centre": centre, "room": room})


@require(can_manage_roles)
def people(request):
    form = PeopleFilterForm(request.GET or None)
    search, role = "", ""
    if form.is_valid():
        search, role = form.cleaned_data["q"], form.cleaned_data["role"]
    page = Paginator(people_with_roles(search=search, role=role), 50).get_page(request.GET.get("page"))
    centre_names = {str(c.pk): c.name for c in Center.objects.all()}
    rows = [
        {
            "person": person,
            "roles": [Role(g.name).label for g in person.groups.all() if g.name in Role.values],
            "centres": [centre_names.get(p.object_pk, "") for p in person.centre_permissions],  # type: ignore[attr-defined]  # people_with_roles' prefetch
        }
        for person in page
    ]
    return render(request, "centers/people.html", {"form": form, "page": page, "rows": rows})


@require(can_manage_roles)
def person_roles(request, pk):
    person = get_object_or_404(User, pk=pk)
    initial = {"roles": list(person.roles), "centre": centre_of(person)}
    form = UserRolesForm(posted(request), initial=initial)
    if submitted(request, form):
        done = run_service(
            request,
            lambda: user_set_roles(
                actor=request.user, user=person, roles=form.cleaned_data["roles"], centre=form.cleaned_data["centre"]
            ),
            form=form,
            success=_("Roles of %(name)s saved.") % {"name": person},
        )
        if done:
            return redirect("centers:people")
    return render(request, "centers/person_roles.html", {"form": form, "person": person})


@login_required
def centre_staff(request, slug):
    centre = centre_for_user_or_404(request.user, slug, may=can_manage_centre_staff)
    form = CentreStaffForm(request.POST if request.method == "POST" and "email" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        person = get_by_posted_id_or_404(User, request.POST.get("remove"))
        run_service(
            request,
            lambda: centre_staff_remove(actor=request.user, centre=centre, user=person),
            success=_("%(name)s no longer works at this centre.") % {"name": person},
        )
        return redirect("centers:staff", slug=centre.slug)
    if form.is_bound and submitted(request, form):
        done = run_service(
            request,
            lambda: centre_staff_assign(
                actor=request.user, centre=centre, user=form.user, role=form.cleaned_data["role"]
            ),
            form=form,
            success=lambda user: _("%(name)s now works at this centre.") % {"name": user},
        )
        if done:
            return redirect("centers:staff", slug=centre.slug)
    staff = staff_of_centre(centre).prefetch_related("groups").order_by("full_name")
    rows = [
        {"person": p, "roles": [Role(g.name).label for g in p.groups.all() if g.name in Role.values]} for p in staff
    ]
    return render(request, "centers/centre_staff.html", {"centre": centre, "rows": rows, "form": form})
