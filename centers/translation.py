from modeltranslation.translator import TranslationOptions, register

from centers.models import Center, Programme, Room


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "kind", "donor", "implementing_partner", "description")


@register(Center)
class CenterTranslation(TranslationOptions):
    fields = ("name", "city", "address", "opening_hours")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "equipment")
