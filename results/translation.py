from modeltranslation.translator import TranslationOptions, register

from results.models import Indicator, Node


@register(Node)
class NodeTranslation(TranslationOptions):
    fields = ("title", "description", "assumptions")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition", "means_of_verification", "assumptions")
