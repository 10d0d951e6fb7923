"""Small helpers every app's views share."""


def posted(request):
    """The POST data on a POST, None otherwise (so a form is bound only when it was sent)."""
    return request.POST if request.method == "POST" else None


def apply_validation_error(form, error) -> None:
    """Shows a service's ValidationError on the form: by field where it names one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
