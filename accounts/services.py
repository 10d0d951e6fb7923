from django.conf import settings
from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_update_profile(*, actor: User, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    """Saves the person's own details. Only the person may change them."""
    if actor.pk != user.pk:
        raise PermissionError("Only the person can change their own profile.")
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


def user_set_preferred_language(*, user: User, language: str) -> None:
    """Remembers the language a person last chose, so e-mails and their next visit use it."""
    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
