"""Demo people, all with the demo password."""

from allauth.account.models import EmailAddress

from accounts.models import User
from core.demo import DEMO_PASSWORD


def demo_user(*, email: str, full_name: str, language: str = "en", phone: str = "", superuser: bool = False) -> User:
    """Creates (once) a demo person with a verified e-mail address and the demo password."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "preferred_language": language,
            "phone": phone,
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user
