"""Pictures a year gives (logos, figures of the annexes): PNG or JPEG, checked from their bytes.

A picture comes from outside (an agency's folder), so nothing of it is trusted: its kind is read
from its first bytes, not from its file name, and its size in pixels from its header, without
decoding the image; a picture too large to place in a report, or one whose header says nothing
sensible, is refused before any program decodes it.
"""

from __future__ import annotations

import struct

from attrs import frozen

__all__ = ["MAX_PICTURE_BYTES", "MAX_PICTURE_PIXELS", "PictureError", "PictureFacts",
           "picture_facts"]

MAX_PICTURE_BYTES = 10 * 1024 * 1024
"""The largest picture file taken: a logo or a page-wide figure at print resolution is far less."""

MAX_PICTURE_PIXELS = 10_000
"""The most pixels a picture may have on either side (a page at 600 dpi has about 7,000)."""

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
# JPEG markers that open a frame and give its size (SOF0 to SOF15, less DHT, JPG and DAC).
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class PictureError(ValueError):
    """Bytes that are not a picture a report can show."""


@frozen
class PictureFacts:
    """What a picture's header says: its kind (png or jpeg) and its size in pixels."""

    kind: str
    width: int
    height: int


def picture_facts(data: bytes) -> PictureFacts:
    """The kind and size of a PNG or JPEG picture; PictureError for anything else, or one too
    large (MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS)."""
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(f"too large ({len(data) / 1e6:.1f} MB): a picture may hold "
                           f"{MAX_PICTURE_BYTES // (1024 * 1024)} MB at most")
    if data.startswith(_PNG):
        facts = _png(data)
    elif data.startswith(_JPEG):
        facts = _jpeg(data)
    else:
        raise PictureError("not a PNG or JPEG picture")
    if not (0 < facts.width <= MAX_PICTURE_PIXELS and 0 < facts.height <= MAX_PICTURE_PIXELS):
        raise PictureError(f"{facts.width} × {facts.height} pixels: a picture may have "
                           f"{MAX_PICTURE_PIXELS:,} pixels a side at most")
    return facts


def _png(data: bytes) -> PictureFacts:
    # The signature, then the IHDR chunk: length, type, width, height.
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise PictureError("a broken PNG picture (no image header)")
    width, height = struct.unpack(">II", data[16:24])
    return PictureFacts("png", width, height)


def _jpeg(data: bytes) -> PictureFacts:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        if marker in _FRAMES:
            if position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return PictureFacts("jpeg", width, height)
        if marker == 0xDA or length < 2:  # image data before any frame header
            break
        position += 2 + length
    raise PictureError("a broken JPEG picture (no frame header)")
