from modeltranslation.translator import TranslationOptions, register

from organizations.models import AssessmentDimension, AssessmentIndicator, AssessmentTemplate


@register(AssessmentTemplate)
class AssessmentTemplateTranslation(TranslationOptions):
    fields = ("name",)


@register(AssessmentDimension)
class AssessmentDimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(AssessmentIndicator)
class AssessmentIndicatorTranslation(TranslationOptions):
    fields = ("text", "guidance")
