"""A scanned page as an image file (PNG, JPEG, TIFF): OCR, then layout.py."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from documents.parsing.encoding import SourceError
from documents.readers import layout, ocr
from documents.readers.types import Reading

# Pixels beyond this are refused (PIL's own bomb guard warns at ~89 Mpx).
MAX_PIXELS = 60_000_000
ASSUMED_DPI = 300


def read_scan(data: bytes) -> Reading:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise SourceError("图像过大 / the image is too large")
            dpi = (image.info.get("dpi") or (ASSUMED_DPI,))[0] or ASSUMED_DPI
            frames = []
            for k in range(getattr(image, "n_frames", 1)):
                image.seek(k)
                buffer = io.BytesIO()
                image.convert("L").save(buffer, format="PNG")
                frames.append(buffer.getvalue())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise SourceError("图像文件已损坏 / the image file is corrupt") from None
    pages = [ocr.read_image(png, scale=72 / float(dpi), page=k) for k, png in enumerate(frames)]
    return layout.reading(
        "image",
        pages,
        warnings=[f"{len(pages)} 页经 OCR 识别 / {len(pages)} page(s) read by OCR"],
    )
