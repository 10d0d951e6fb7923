"""Agreements made before budgets were versioned get version 1: the lines of their application."""

from django.db import migrations


def forwards(apps, schema_editor):
    GrantAgreement = apps.get_model("grants", "GrantAgreement")
    AgreementBudgetLine = apps.get_model("grants", "AgreementBudgetLine")
    BudgetVersion = apps.get_model("grants", "BudgetVersion")
    BudgetAmount = apps.get_model("grants", "BudgetAmount")
    BudgetLine = apps.get_model("grants", "BudgetLine")
    for agreement in GrantAgreement.objects.filter(budget_versions__isnull=True):
        version = BudgetVersion.objects.create(agreement=agreement, number=1)
        lines = BudgetLine.objects.filter(application_id=agreement.application_id).order_by("category", "pk")
        for order, source in enumerate(lines):
            line = AgreementBudgetLine.objects.create(
                agreement=agreement, category=source.category, description=source.description, order=order
            )
            BudgetAmount.objects.create(version=version, line=line, amount=source.quantity * source.unit_cost)


class Migration(migrations.Migration):
    dependencies = [("grants", "0014_reports_amendments_ledger")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
