from modeltranslation.translator import TranslationOptions, register

from trainings.models import Event, KnowledgeChoice, KnowledgeQuestion, TrainingPackage


@register(TrainingPackage)
class TrainingPackageTranslation(TranslationOptions):
    fields = ("title", "description", "objectives", "modules")


@register(KnowledgeQuestion)
class KnowledgeQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(KnowledgeChoice)
class KnowledgeChoiceTranslation(TranslationOptions):
    fields = ("text",)


@register(Event)
class EventTranslation(TranslationOptions):
    """English is the one the form requires; Arabic falls back to English, Kurdish to Arabic, then
    English (MODELTRANSLATION_FALLBACK_LANGUAGES). The original columns hold the English value."""

    fields = ("title", "description")
