import datetime as dt
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from centers.tests.factories import staff_member
from grants.models import ExchangeRate
from tatweer import embedded_db


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook just before it creates the test database: without DATABASE_URL, the
    embedded PostgreSQL is started (or found running) here, never by importing the settings."""
    embedded_db.ensure_started()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never into the checkout."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in Arabic leaves Arabic active in the thread: each test starts in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return staff_member(Role.PROGRAMME_ADMIN, centre_slug=None)


@pytest.fixture
def role_users(db):
    """One signed-up person per role ("anonymous" is None), each staff member with MFA set up."""
    users = {"anonymous": None, "cso_member": UserFactory()}
    for role in Role.values:
        users[role] = staff_member(role)
    return users


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests empty the database afterwards, data migrations included: put the roles,
    centres, assessment tool and training packages back (the migrations' own functions, which are idempotent)."""
    for module, function in (
        ("accounts.migrations.0002_role_groups", "create_role_groups"),
        ("centers.migrations.0002_programme_and_centres", "create_programme_and_centres"),
        ("organizations.migrations.0002_capacity_assessment_template", "create_template"),
        ("trainings.migrations.0002_training_packages", "create_packages"),
    ):
        getattr(import_module(module), function)(apps, None)


@pytest.fixture
def exchange_rates(db):
    """Rates for the euro-equivalent ledger (the cap on support per CSO): 1 EUR = 1.10 USD = 1,450 IQD."""
    for currency, per_euro in (("USD", Decimal("1.10")), ("IQD", Decimal("1450"))):
        ExchangeRate.objects.create(currency=currency, valid_from=dt.date(2020, 1, 1), per_euro=per_euro)
