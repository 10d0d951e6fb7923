from functools import cached_property
from typing import TypeAlias

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("administration site access"),
        default=False,
        help_text=_("Whether the user can sign in to the administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The names of the user's role groups (one query, cached on the instance)."""
        if not self.pk:
            return frozenset()
        names = set(self.groups.values_list("name", flat=True))
        if self.is_superuser:
            names.add(Role.PROGRAMME_ADMIN)  # `createsuperuser` makes a working programme admin
        return frozenset(names)

    @property
    def role_labels(self) -> list[str]:
        """The names of the user's programme roles, as shown to them."""
        return [str(Role(name).label) for name in sorted(self.roles) if name in Role.values]

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.roles.intersection(roles))

    @property
    def is_programme_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)


# Whoever a request or a permission rule may be about: a signed-in person or an anonymous visitor.
AnyUser: TypeAlias = User | AnonymousUser


# Role changes are access decisions: every group membership added or removed is kept in the audit trail.
class UserRole(User.groups.through):  # type: ignore[name-defined]  # the through model exists at run time only
    """A proxy of the user-group table, so the audit triggers live in this app's migrations."""

    class Meta:
        verbose_name = _("role given")
        verbose_name_plural = _("roles given")
        proxy = True


UserRoleEvent = pghistory.create_event_model(
    UserRole,
    pghistory.InsertEvent(),
    pghistory.DeleteEvent(),
    model_name="UserRoleEvent",
    app_label="accounts",
    obj_field=pghistory.ObjForeignKey(db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"),
    abstract=False,
)
