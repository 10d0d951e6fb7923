"""Training packages and their materials."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import panels
from core.files import private_file_url
from core.forms import posted
from core.permissions import require
from core.viewhelpers import run_service, submitted
from trainings import permissions, selectors, services
from trainings.forms import MaterialForm
from trainings.models import Material, TrainingPackage


def package_list(request):
    return render(request, "trainings/package_list.html", {"packages": TrainingPackage.objects.filter(is_active=True)})


def package_detail(request, code):
    package = get_object_or_404(TrainingPackage, code=code, is_active=True)
    uploader = permissions.can_upload_materials(request.user)
    context = {
        "package": package,
        "materials": selectors.latest_materials(package, include_unpublished=uploader),
        "can_upload": uploader,
        "panels": panels.panels_for(panels.TRAINING_PACKAGE, request),
    }
    return render(request, "trainings/package_detail.html", context)


@require(permissions.can_upload_materials)
def material_upload(request, code):
    package = get_object_or_404(TrainingPackage, code=code, is_active=True)
    form = MaterialForm(posted(request), request.FILES or None, initial={"language": request.LANGUAGE_CODE})
    if submitted(request, form):
        done = run_service(
            request,
            lambda: services.material_upload(actor=request.user, package=package, data=form.cleaned_data),
            form=form,
            success=lambda material: _("Version %(version)d uploaded.") % {"version": material.version},
        )
        if done:
            return redirect("trainings:package_detail", code=package.code)
    return render(request, "trainings/material_form.html", {"form": form, "package": package})


def material_download(request, pk):
    """Counts the download, then hands over the file through the private-file view. A material the
    person may not download is not found, except that visitors are first asked to sign in."""
    material = get_object_or_404(Material, pk=pk)
    if not permissions.can_download_material(request.user, material):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    services.material_count_download(material=material)
    return redirect(private_file_url(material, "file"))
