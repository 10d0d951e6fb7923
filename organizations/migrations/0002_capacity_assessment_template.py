import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "capacity_assessment.json"


def translated(field, values):
    return {
        field: values["en"],
        f"{field}_en": values["en"],
        f"{field}_ar": values["ar"],
        f"{field}_ckb": values["ckb"],
    }


def create_template(apps, schema_editor):
    Template = apps.get_model("organizations", "AssessmentTemplate")
    Dimension = apps.get_model("organizations", "AssessmentDimension")
    Indicator = apps.get_model("organizations", "AssessmentIndicator")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if Template.objects.filter(name_en=data["name"]["en"]).exists():
        return
    template = Template.objects.create(**translated("name", data["name"]), is_active=True)
    for dimension_data in data["dimensions"]:
        dimension = Dimension.objects.create(
            template=template,
            code=dimension_data["code"],
            order=dimension_data["order"],
            **translated("name", dimension_data["name"]),
        )
        for order, indicator in enumerate(dimension_data["indicators"], 1):
            Indicator.objects.create(
                dimension=dimension,
                order=order,
                **translated("text", indicator["text"]),
                **translated("guidance", indicator["guidance"]),
            )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(create_template, migrations.RunPython.noop)]
