"""Search in Arabic script whatever the keyboard: the alef's hamza, taa marbuta and heh, the Arabic,
Persian and Kurdish yeh and kaf, vowel marks, tatweel and Arabic-Indic digits are folded on the query
and on the text alike (one table, in Python and in PostgreSQL); Latin stays case-insensitive; the
list takes the same number of queries for 5 and 50 results."""

import pytest
from django.db import connection
from django.db.models import TextField, Value
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commons import rules, selectors
from commons.models import Entry, EntryTranslation
from commons.tests.factories import published_entry
from organizations.tests.factories import organization_with_admin

ALL_FOLDED = "".join(rules.SEARCH_FOLDS)


def test_the_folds_give_one_character_or_none_and_keep_latin_and_plain_letters():
    assert all(len(letter) == 1 and len(folded) <= 1 for letter, folded in rules.SEARCH_FOLDS.items())
    assert rules.normalise("أإآٱ ة ە ھ ى ی ک") == "اااا ه ه ه ي ي ك"
    assert rules.normalise("مُوَازَنَة الـمـدرسة") == "موازنه المدرسه"
    assert rules.normalise("٢٠٢٦ ۱۴") == "2026 14"
    assert rules.normalise("Budget ڕێکخراو ڵ ۆ") == "Budget ڕێكخراو ڵ ۆ"  # Kurdish letters with their own sound stay
    assert rules.normalise("هه\u200cولێر") == rules.normalise("هەولێر")  # older Kurdish typing: heh and a ZWNJ
    source, target = rules.search_translate_arguments()
    assert len(source) == len(rules.SEARCH_FOLDS) and len(target) == sum(1 for f in rules.SEARCH_FOLDS.values() if f)


@pytest.fixture
def cso(db):
    return organization_with_admin(verification_status="verified")


def test_postgresql_folds_as_python_does(cso):
    sample = f"{ALL_FOLDED} Latin ڕێ مدرسة"
    organization, admin = cso
    entry = published_entry(admin, organization=organization, title=sample)
    folded = Entry.objects.filter(pk=entry.pk).annotate(
        column=selectors.Normalised("title"), value=selectors.Normalised(Value(sample, output_field=TextField()))
    )
    assert list(folded.values_list("column", "value")) == [(rules.normalise(sample), rules.normalise(sample))]
    assert rules.normalise(sample) == " ".join(["ااااههههييك01234567890123456789", "Latin", "ڕێ", "مدرسه"])


def found(text: str) -> set[int]:
    return set(selectors.search(Entry.objects.all(), text).values_list("pk", flat=True))


def test_arabic_is_found_whatever_the_hamza_the_taa_marbuta_or_the_vowel_marks(cso):
    organization, admin = cso
    entry = published_entry(admin, organization=organization, title="أسس الإدارة المالية للجمعية")
    published_entry(admin, organization=organization, title="Something else", summary="Else.")
    assert found("اسس الاداره") == {entry.pk}
    assert found("أُسُسُ الإِدارَة") == {entry.pk}  # typed with tashkeel, the text without
    assert found("الإدارة") == {entry.pk}
    marked = published_entry(admin, organization=organization, title="مُوَازَنَةُ الـبـلـديـة ٢٠٢٦")
    assert found("موازنة البلدية") == {marked.pk}  # the text has the marks and the tatweel, the query none
    assert found("2026") == {marked.pk} and found("۲۰۲۶") == {marked.pk}


def test_kurdish_yeh_kaf_and_heh_are_found_from_an_arabic_keyboard(cso):
    organization, admin = cso
    entry = published_entry(
        admin, organization=organization, language="ckb", title="ڕێکخراوی گەنجان لە هەولێر", summary="کۆبوونەوەی ساڵانە"
    )
    assert found("ڕێكخراوي") == {entry.pk}  # Arabic kaf and yeh for the Kurdish ones
    assert found("ههولێر") == {entry.pk}  # heh for the Sorani ae
    assert found("كۆبوونهوهي") == {entry.pk}
    arabic = published_entry(admin, organization=organization, title="تمكين الشباب في المدينة")
    assert found("تمکین الشباب") == {arabic.pk}  # and the other way: a Kurdish keyboard finds Arabic


def test_latin_stays_case_insensitive_and_translations_are_searched(cso):
    organization, admin = cso
    entry = published_entry(admin, organization=organization, language="en", title="Donor Map of Basra")
    assert found("donor MAP") == {entry.pk} and found("basra") == {entry.pk}
    assert found("donor nowhere") == set()
    EntryTranslation.objects.create(
        entry=entry, language="ar", title="خريطة المانحين في البصرة", summary="من يموّل ماذا.", translator=admin
    )
    assert found("خريطه البصره") == {entry.pk} and found("يمول") == {entry.pk}
    assert found("100%") == set() and found("_") == set()  # LIKE's wildcards are searched as they are


def test_the_search_takes_the_same_queries_for_5_and_50_results(cso, client):
    organization, admin = cso

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("commons:entry_list"), {"q": "الإداره"})
        assert page.status_code == 200
        return len(captured), page.content.decode().count('data-testid="entry-card"')

    for _ in range(5):
        published_entry(admin, organization=organization, title="دليل الإدارة المالية")
    few, shown = queries()
    assert shown == 5
    for n in range(45):
        entry = published_entry(admin, organization=organization, title="دليل الإدارة المالية")
        if n % 3 == 0:
            EntryTranslation.objects.create(entry=entry, language="en", title="T", summary="S", translator=admin)
    many, shown = queries()
    assert shown == 20 and many == few  # one page of 20 of the 50
