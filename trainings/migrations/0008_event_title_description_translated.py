"""Events' title and description become translated (trainings/translation.py): a column per language,
the existing texts copied into the English one (the language every other falls back to). Going back,
the English texts are copied into the original columns before the per-language ones are dropped."""

from django.db import migrations, models
from django.db.models import F, Q


def copy_into_english(apps, schema_editor):
    Event = apps.get_model("trainings", "Event")
    Event.objects.update(title_en=F("title"))
    Event.objects.exclude(description="").update(description_en=F("description"))


def copy_back_from_english(apps, schema_editor):
    Event = apps.get_model("trainings", "Event")
    Event.objects.exclude(Q(title_en__isnull=True) | Q(title_en="")).update(title=F("title_en"))
    Event.objects.exclude(description_en__isnull=True).update(description=F("description_en"))


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0007_participant_created_by_blank"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="description_ar",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="event",
            name="description_ckb",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="event",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="event",
            name="title_ar",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="event",
            name="title_ckb",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="event",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.RunPython(copy_into_english, copy_back_from_english),
    ]
