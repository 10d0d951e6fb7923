"""The weight of a cold entry page: its HTML and everything it loads (styles, scripts, pictures),
compressed as gzip sends it, with the fonts already cached, stays within 120 KB (issue 14). The
figure is measured from the page itself, so a new script or a large picture shows up here."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from commons import services
from commons.tests.factories import published_entry
from commons.tests.test_thumbnails import encoded
from organizations.tests.factories import organization_with_admin

pytestmark = pytest.mark.django_db
BUDGET = 120 * 1024
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')


def compressed(body: bytes) -> int:
    return len(gzip.compress(body, 6))


def page_weight(client, url: str) -> tuple[int, list[str]]:
    html = client.get(url).content
    total, loaded = compressed(html), []
    for address in ASSET.findall(html.decode()):
        address = address.replace("&amp;", "&")
        if address.startswith("/static/"):
            if address.endswith((".woff2", ".svg")):
                continue  # fonts are cached; the icon is a few hundred bytes
            path = finders.find(address.removeprefix("/static/"))
            assert path, address
            total += compressed(Path(path).read_bytes())
        elif address.startswith("/") and "/files/" in address:
            total += compressed(b"".join(client.get(address).streaming_content))
        else:
            continue
        loaded.append(address)
    return total, loaded


def test_a_cold_entry_page_with_a_photo_weighs_at_most_120_kb(client):
    organization, admin = organization_with_admin(verification_status="verified")
    entry = published_entry(admin, organization=organization)
    photo = Image.effect_noise((2400, 1600), 90).convert("RGB")  # a large, hard-to-compress photo
    services.version_add(
        actor=admin,
        entry=entry,
        file=SimpleUploadedFile("photo.jpg", encoded(photo, "JPEG"), "image/jpeg"),
        change_note="The photo.",
    )
    weight, loaded = page_weight(client, reverse("commons:entry_detail", args=[entry.pk]))
    assert any("/files/" in address for address in loaded)  # the thumbnail, not the original
    assert any(address.endswith(".css") for address in loaded)
    assert weight <= BUDGET, f"{weight // 1024} KB: {loaded}"
