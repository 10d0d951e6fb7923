from modeltranslation.translator import TranslationOptions, register

from trainings.models import KnowledgeChoice, KnowledgeQuestion, TrainingPackage


@register(TrainingPackage)
class TrainingPackageTranslation(TranslationOptions):
    fields = ("title", "description", "objectives", "modules")


@register(KnowledgeQuestion)
class KnowledgeQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(KnowledgeChoice)
class KnowledgeChoiceTranslation(TranslationOptions):
    fields = ("text",)
