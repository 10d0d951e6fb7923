"""Thumbnails of the images an entry's versions hold (photos of a practice): a small JPEG, made once
when the image is uploaded, that the pages show while the original is downloaded only on demand.

`thumbnail_of` needs no database: it takes the uploaded file and gives the JPEG, or None when the
file is not an image Pillow reads safely (broken, truncated, or a decompression bomb); the version
is then kept without a thumbnail. The thumbnail's width and height are kept in its stored name, so a
page gives each <img> its size without opening the file (the model has no fields for them)."""

import io
import logging
import os
import re
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageFile, ImageOps

from core.uploads import FILE_KINDS, IMAGE_KINDS

logger = logging.getLogger(__name__)

LONG_SIDE = 480  # pixels, the longer side at most
QUALITY = 70
# The most pixels decoded to make a thumbnail. A JPEG is decoded at 1/2, 1/4 or 1/8 of its size
# (Pillow's draft), so this bounds mostly PNG and WebP: 25 megapixels are about 100 MB in memory.
# Pillow's own limit (Image.MAX_IMAGE_PIXELS, about 89 megapixels as declared) is kept as well.
MAX_DECODED_PIXELS = 25_000_000
FORMATS = ("PNG", "JPEG", "WEBP")  # the only decoders Pillow may try on an upload
EXTENSIONS = frozenset(extension for kind in IMAGE_KINDS for extension in FILE_KINDS[kind].extensions)
SIZE_IN_NAME = re.compile(r"-(\d{1,5})x(\d{1,5})[^/]*\.jpg$")


def is_image(name: str) -> bool:
    """An upload named like an image (the upload validator has checked that its content is one)."""
    return os.path.splitext(name or "")[1].lower() in EXTENSIONS


def thumbnail_of(file) -> ContentFile | None:
    """A JPEG of at most LONG_SIDE pixels on its longer side, turned the way the camera's EXIF says,
    in RGB (transparency on white) and without EXIF or other metadata; None when the file cannot
    be read safely. The file is left at its start."""
    # WeasyPrint, once imported, tells Pillow to accept truncated images for the whole process; a
    # thumbnail is made only of a whole one, whichever modules this process has loaded.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        file.seek(0)
        with Image.open(file, formats=FORMATS) as image:
            return _thumbnail(image)
    except Exception:  # a thumbnail is a convenience: whatever a broken or hostile file raises, none is made
        logger.warning("commons: no thumbnail made for %s", getattr(file, "name", "?"), exc_info=True)
        return None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
        file.seek(0)


def _thumbnail(image: Image.Image) -> ContentFile | None:
    declared = image.width * image.height
    if Image.MAX_IMAGE_PIXELS and declared > Image.MAX_IMAGE_PIXELS:
        return None  # Pillow only warns below twice its limit; such an image is refused here
    if image.format == "JPEG":
        image.draft("RGB", (LONG_SIDE, LONG_SIDE))  # decoded at a fraction of its size
    if image.width * image.height > MAX_DECODED_PIXELS:
        return None
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    small = ImageOps.exif_transpose(image)  # the box is square: turning after shrinking gives the same size
    if small.mode in ("RGBA", "LA", "PA") or (small.mode == "P" and "transparency" in small.info):
        rgba = small.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = small.convert("RGB")
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)  # no exif= nor icc_profile=
    return ContentFile(buffer.getvalue(), name=f"thumbnail-{flat.width}x{flat.height}.jpg")


def stored_name(thumbnail: ContentFile) -> str:
    """Where a thumbnail is kept: beside the originals (the folders of core.uploads.private_upload_to),
    under a server-made name that ends with its size, e.g. commons/2026/12/<uuid>-480x320.jpg."""
    match = SIZE_IN_NAME.search(thumbnail.name or "")
    size = f"-{match[1]}x{match[2]}" if match else ""
    return f"commons/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{size}.jpg"


def thumbnail_size(name: str) -> tuple[int, int] | None:
    """The width and height a stored thumbnail's name carries, None when it carries none."""
    match = SIZE_IN_NAME.search(name or "")
    return (int(match[1]), int(match[2])) if match else None
