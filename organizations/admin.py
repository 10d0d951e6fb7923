from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.forms import BoundedInline
from organizations.models import (
    Assessment,
    AssessmentDimension,
    AssessmentIndicator,
    AssessmentTemplate,
    Membership,
    Organization,
)


class MembershipInline(BoundedInline, admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0
    max_num = 500


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "governorate", "nearest_centre", "verification_status", "is_published"]
    list_filter = ["verification_status", "governorate", "nearest_centre", "is_women_led", "is_youth_led"]
    search_fields = ["name", "name_en", "acronym", "registration_number"]
    readonly_fields = [
        "verification_status",
        "verification_reason",
        "verified_by",
        "verified_at",
        "is_women_led",
        "is_youth_led",
    ]
    inlines = [MembershipInline]


class IndicatorInline(BoundedInline, TranslationTabularInline):
    model = AssessmentIndicator
    extra = 0
    max_num = 50


@admin.register(AssessmentDimension)
class AssessmentDimensionAdmin(TranslationAdmin):
    list_display = ["name", "template", "order"]
    list_filter = ["template"]
    inlines = [IndicatorInline]


class DimensionInline(BoundedInline, TranslationTabularInline):
    model = AssessmentDimension
    extra = 0
    max_num = 30
    show_change_link = True


@admin.register(AssessmentTemplate)
class AssessmentTemplateAdmin(TranslationAdmin):
    list_display = ["name", "is_active"]
    inlines = [DimensionInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "assessed_on", "is_final"]
    list_filter = ["kind", "is_final"]
    raw_id_fields = ["organization", "conducted_by"]
