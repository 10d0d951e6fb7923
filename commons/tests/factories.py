"""Test data for the platform: published entries made directly (the services' rules have their own
tests), and what the access table's URLs name."""

from django.utils import timezone

from centers.models import Center
from commons.models import Answer, Entry, EntryStatus, Follow, Question, Uptake, Visibility
from organizations.tests.factories import organization_with_admin


def published_entry(author, *, organization=None, visibility=Visibility.PUBLIC, **fields) -> Entry:
    fields.setdefault("kind", "practice")
    fields.setdefault("language", "ar")
    fields.setdefault("title", "جلسات استماع حول موازنة القضاء")
    fields.setdefault("summary", "كيف جمعنا أربعين من السكان في جلسة موازنة المجلس.")
    fields.setdefault("problem", "لم يرَ السكان موازنة القضاء قط.")
    fields.setdefault("approach", "طبعنا موازنة من صفحة واحدة ودعونا المجلس.")
    fields.setdefault("lessons", "ادعُ أعضاء المجلس بأسمائهم.")
    fields.setdefault("topics", ["governance"])
    fields.setdefault("governorates", ["erbil"])
    return Entry.objects.create(
        organization=organization,
        centre=organization.nearest_centre if organization else Center.objects.get(slug="erbil"),
        author=author,
        visibility=visibility,
        status=EntryStatus.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )


def question(author, *, organization=None, **fields) -> Question:
    fields.setdefault("topic", "fundraising")
    fields.setdefault("language", "ar")
    fields.setdefault("title", "كيف نحسب المساهمة الذاتية في ميزانية المشروع؟")
    return Question.objects.create(
        author=author,
        organization=organization,
        centre=organization.nearest_centre if organization else Center.objects.get(slug="erbil"),
        **fields,
    )


def matrix_objects(author) -> dict:
    organization, _admin = organization_with_admin(admin=author, verification_status="verified")
    entry = published_entry(author, organization=organization)
    asked = question(author, organization=organization)
    other, _other_admin = organization_with_admin(verification_status="verified")
    return {
        "commons_entry": entry,
        "commons_question": asked,
        "commons_answer": Answer.objects.create(question=asked, author=author, body="<p>Volunteer time counts.</p>"),
        "commons_uptake": Uptake.objects.create(
            entry=entry, organization=other, marked_by=_other_admin, used_on=timezone.localdate()
        ),
        "commons_follow": Follow.objects.create(user=author, topic="governance"),
    }
