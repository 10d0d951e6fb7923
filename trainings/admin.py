from django.conf import settings
from django.contrib import admin
from django.utils import translation
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from trainings.models import Event, KnowledgeChoice, KnowledgeQuestion, Material, Participant, TrainingPackage


class KnowledgeChoiceInline(TranslationTabularInline):
    model = KnowledgeChoice
    extra = 0


@admin.register(KnowledgeQuestion)
class KnowledgeQuestionAdmin(TranslationAdmin):
    list_display = ["text", "package", "order"]
    list_filter = ["package"]
    inlines = [KnowledgeChoiceInline]


@admin.register(TrainingPackage)
class TrainingPackageAdmin(TranslationAdmin):
    list_display = ["title", "code", "is_active"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "package", "language", "version", "visibility", "is_published", "download_count"]
    list_filter = ["package", "language", "visibility", "is_published"]
    readonly_fields = ["download_count", "uploaded_by", "uploaded_at"]


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["title", "kind", "centre", "starts_at", "status", "capacity"]
    list_filter = ["status", "kind", "centre"]
    search_fields = ["title_en", "title_ar", "title_ckb"]  # in any language, whichever the admin reads
    readonly_fields = ["status", "starts_at", "ends_at", "created_by"]

    def save_model(self, request, obj, form, change):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):  # the original columns: English
            super().save_model(request, obj, form, change)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "sex", "birth_year", "governorate", "organization"]
    list_filter = ["sex", "governorate"]
    search_fields = ["full_name", "phone", "email"]
    raw_id_fields = ["organization", "user", "created_by"]
