"""Thumbnails of the images an entry's versions hold: the pure function (size, the camera's turn, no
metadata, transparency, broken files and decompression bombs give none), the service that keeps it
with the version, the entry page that shows it and links the original, the list that shows the
latest one in a fixed number of queries, and who may download both (the public for a public entry;
for a members-only one, a sign-in and then a 404 to a non-member)."""

import io
import struct
import zlib
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image, PngImagePlugin

from accounts.tests.factories import UserFactory
from commons import images, services
from commons.models import EntryVersion, Visibility
from commons.tests.factories import published_entry
from core.files import private_file_url, read_token
from organizations.models import Membership
from organizations.tests.factories import organization_with_admin

ORIENTATION = 0x0112
GPS_INFO = 0x8825


def encoded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def opened(thumbnail) -> Image.Image:
    image = Image.open(io.BytesIO(thumbnail.read()))
    image.load()
    return image


def named_file(url: str) -> tuple[str, int]:
    """The field and row a signed file link in a page names."""
    link = read_token(url.split('"', 1)[0].rstrip("/").rsplit("/", 1)[-1])
    assert link is not None and not link.expired
    return link.field, link.pk


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size and holds almost nothing: what a decompression bomb starts with."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_becomes_a_small_jpeg_with_its_size_in_its_name():
    photo = upload(encoded(Image.new("RGB", (4000, 3000), "teal"), "JPEG", quality=95), "photo.jpg")
    thumbnail = images.thumbnail_of(photo)
    assert thumbnail is not None and thumbnail.name == "thumbnail-480x360.jpg"
    image = opened(thumbnail)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (480, 360))
    assert photo.tell() == 0  # left at its start, for the storage to save it whole
    small = images.thumbnail_of(upload(encoded(Image.new("RGB", (300, 120), "red"), "WEBP"), "small.webp"))
    assert small is not None and opened(small).size == (300, 120)  # never enlarged


def test_the_cameras_turn_is_applied_and_exif_and_gps_are_stripped():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # taken with the phone upright: stored on its side
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_INFO)[2] = (36.0, 11.0, 0.0)  # where the photo was taken
    photo = upload(encoded(Image.new("RGB", (800, 400), "blue"), "JPEG", exif=exif), "side.jpg")
    image = opened(images.thumbnail_of(photo))
    assert image.size == (240, 480)
    assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info


def test_transparency_is_white_and_a_palette_image_is_rgb():
    clear = images.thumbnail_of(upload(encoded(Image.new("RGBA", (100, 50), (0, 0, 0, 0)), "PNG"), "clear.png"))
    assert opened(clear).getpixel((10, 10)) == (255, 255, 255)
    palette = Image.new("P", (64, 64), 3)
    drawing = images.thumbnail_of(upload(encoded(palette, "PNG"), "drawing.png"))
    assert opened(drawing).mode == "RGB"


def test_a_truncated_or_corrupt_image_or_another_kind_of_file_gives_none():
    whole = encoded(Image.new("RGB", (800, 600), "green"), "PNG")
    assert images.thumbnail_of(upload(whole[: len(whole) // 2], "cut.png")) is None
    assert images.thumbnail_of(upload(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "bad.png")) is None
    assert images.thumbnail_of(upload(b"\xff\xd8\xff" + b"\x00" * 300, "bad.jpg")) is None
    assert images.thumbnail_of(upload(b"%PDF-1.4 not an image", "a.pdf")) is None


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    with mock.patch.object(PngImagePlugin.PngImageFile, "load", side_effect=AssertionError("decoded")) as load:
        over_pillows_limit = png_header(40_000, 40_000)  # 1.6 gigapixels: Pillow refuses to open it
        assert images.thumbnail_of(upload(over_pillows_limit, "bomb.png")) is None
        just_over_pillows = png_header(10_000, 10_000)  # 100 megapixels: Pillow would only warn
        with pytest.warns(Image.DecompressionBombWarning):
            assert images.thumbnail_of(upload(just_over_pillows, "bomb.png")) is None
        over_ours = png_header(6_000, 5_000)  # 30 megapixels decoded in full: more than allowed here
        assert images.thumbnail_of(upload(over_ours, "big.png")) is None
    assert not load.called


def test_the_size_is_read_back_from_the_stored_name():
    thumbnail = images.thumbnail_of(upload(encoded(Image.new("RGB", (960, 200)), "PNG"), "wide.png"))
    name = images.stored_name(thumbnail)
    assert name.startswith("commons/") and name.endswith("-480x100.jpg")
    assert images.thumbnail_size(name) == (480, 100)
    assert images.thumbnail_size("commons/2026/12/0123abcd.jpg") is None
    assert images.is_image("Photo.JPEG") and images.is_image("a.webp") and not images.is_image("a.pdf")


@pytest.fixture
def cso(db):
    return organization_with_admin(verification_status="verified")


def photo_upload(name: str = "planting.png", size=(1600, 1200)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, encoded(Image.new("RGB", size, "olive"), "PNG"), "image/png")


def test_version_add_keeps_a_thumbnail_of_an_image_and_none_of_a_document_or_a_broken_image(cso):
    organization, admin = cso
    entry = published_entry(admin, organization=organization)
    photo = services.version_add(actor=admin, entry=entry, file=photo_upload(), change_note="Photos.")
    photo.refresh_from_db()
    assert images.thumbnail_size(photo.thumbnail.name) == (480, 360)
    with photo.thumbnail.open("rb") as stored:
        assert Image.open(stored).format == "JPEG"
    with photo.file.open("rb") as original:
        assert Image.open(original).size == (1600, 1200)  # the original is kept whole
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    document = services.version_add(actor=admin, entry=entry, file=pdf, change_note="The plan.")
    whole = encoded(Image.new("RGB", (800, 600)), "PNG")
    cut = SimpleUploadedFile("cut.png", whole[: len(whole) // 2], "image/png")  # passes the magic bytes
    broken = services.version_add(actor=admin, entry=entry, file=cut, change_note="A cut photo.")
    without = EntryVersion.objects.filter(entry=entry, thumbnail="").values_list("number", flat=True)
    assert set(without) == {document.number, broken.number}
    assert broken.file and broken.size == len(whole) // 2  # kept, without a thumbnail


def test_the_entry_page_shows_the_thumbnail_and_links_the_original_with_its_size(cso, client):
    organization, admin = cso
    entry = published_entry(admin, organization=organization)
    version = services.version_add(actor=admin, entry=entry, file=photo_upload(), change_note="Photos.")
    html = client.get(reverse("commons:entry_detail", args=[entry.pk])).content.decode()
    assert 'loading="lazy"' in html and 'width="480" height="360"' in html and 'alt="planting.png"' in html
    before, after = html.split('data-testid="full-size"', 1)
    link, source = before.rsplit('href="', 1)[1], after.split('src="', 1)[1]
    assert named_file(link) == ("file", version.pk) and named_file(source) == ("thumbnail", version.pk)
    assert " ".join(f"Full size, {filesizeformat(version.size)}".split()) in " ".join(html.split())


def test_the_public_downloads_thumbnail_and_original_of_a_public_entry_not_of_a_members_only_one(cso, client):
    organization, admin = cso
    public = published_entry(admin, organization=organization)
    shown = services.version_add(actor=admin, entry=public, file=photo_upload(), change_note="Photos.")
    for field, kind in (("thumbnail", "image/jpeg"), ("file", "image/png")):
        response = client.get(private_file_url(shown, field))
        assert response.status_code == 200 and response["Content-Type"] == kind
        assert b"".join(response.streaming_content)
    members = published_entry(admin, organization=organization, visibility=Visibility.MEMBERS)
    kept = services.version_add(actor=admin, entry=members, file=photo_upload(), change_note="Photos.")
    for field in ("thumbnail", "file"):
        response = client.get(private_file_url(kept, field))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())  # signed in, but a member of no CSO
    assert client.get(private_file_url(kept, "thumbnail")).status_code == 404
    member = UserFactory()
    other, _admin = organization_with_admin(verification_status="verified")
    Membership.objects.create(organization=other, user=member, role="member")
    client.force_login(member)
    assert client.get(private_file_url(kept, "thumbnail")).status_code == 200
    assert client.get(private_file_url(kept, "file")).status_code == 200


def test_the_list_shows_each_entrys_latest_picture_in_the_same_queries_for_5_and_50_entries(cso, client):
    organization, admin = cso
    pictured = published_entry(admin, organization=organization)
    services.version_add(actor=admin, entry=pictured, file=photo_upload("old.png"), change_note="First.")
    latest = services.version_add(
        actor=admin, entry=pictured, file=photo_upload("new.png", (600, 900)), change_note="Second."
    )
    html = client.get(reverse("commons:entry_list")).content.decode()
    assert html.count('data-testid="entry-picture"') == 1 and 'width="320" height="480"' in html
    assert images.thumbnail_size(latest.thumbnail.name) == (320, 480)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("commons:entry_list")).status_code == 200
        return len(captured)

    for _ in range(4):
        published_entry(admin, organization=organization)
    few = queries()
    for n in range(45):
        entry = published_entry(admin, organization=organization)
        if n % 2 == 0:  # pictures on many rows, made without the service (it is tested above)
            EntryVersion.objects.create(
                entry=entry,
                number=1,
                file=f"commons/x{n}.png",
                filename="x.png",
                size=1,
                thumbnail=f"commons/2026/12/x{n}-480x360.jpg",
                change_note="A photo.",
                uploaded_by=admin,
            )
    assert queries() == few
