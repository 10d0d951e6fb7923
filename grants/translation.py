from modeltranslation.translator import TranslationOptions, register

from grants.models import (
    CallQuestion,
    Clarification,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantCall,
    RequiredAttachment,
)


@register(GrantCall)
class GrantCallTranslation(TranslationOptions):
    fields = ("title", "description")


@register(EligibilityCriterion)
class EligibilityCriterionTranslation(TranslationOptions):
    fields = ("text",)


@register(EvaluationCriterion)
class EvaluationCriterionTranslation(TranslationOptions):
    fields = ("title", "guidance")


@register(RequiredAttachment)
class RequiredAttachmentTranslation(TranslationOptions):
    fields = ("name", "help")


@register(Clarification)
class ClarificationTranslation(TranslationOptions):
    fields = ("question", "answer")


@register(CallQuestion)
class CallQuestionTranslation(TranslationOptions):
    fields = ("label", "help", "options")
