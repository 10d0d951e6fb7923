from django.db import migrations

ROLES = [
    "programme_admin",
    "centre_manager",
    "centre_staff",
    "trainer",
    "grant_officer",
    "finance_officer",
    "reviewer",
    "legal_coordinator",
    "lawyer",
    "donor",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
