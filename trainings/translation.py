from modeltranslation.translator import TranslationOptions, register

from trainings.models import TrainingPackage


@register(TrainingPackage)
class TrainingPackageTranslation(TranslationOptions):
    fields = ("title", "description", "objectives", "modules")
