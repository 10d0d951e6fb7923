import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "packages.json"


def create_packages(apps, schema_editor):
    Package = apps.get_model("trainings", "TrainingPackage")
    for item in json.loads(DATA.read_text(encoding="utf-8")):
        fields = {}
        for name in ("title", "description", "objectives", "modules"):
            values = item[name]
            fields.update(
                {
                    name: values["en"],
                    f"{name}_en": values["en"],
                    f"{name}_ar": values["ar"],
                    f"{name}_ckb": values["ckb"],
                }
            )
        Package.objects.get_or_create(code=item["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("trainings", "0001_initial")]

    operations = [migrations.RunPython(create_packages, migrations.RunPython.noop)]
