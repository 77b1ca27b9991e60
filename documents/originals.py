"""The original files documents were read from, kept so that a reader can
always check the printed original.

Content-addressed: a file is stored once under its SHA-256, whatever it was
called and however often it arrives; a document links the copy it was last
ingested from (``Document.original``).
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def storage_name(sha256: str) -> str:
    """Where the bytes of ``sha256`` lie in the default storage: no file
    name or extension of the sender's, so two names never mean two copies."""
    return f"originals/{sha256[:2]}/{sha256}"


class OriginalFileQuerySet(models.QuerySet):
    def keep(self, data: bytes, name: str) -> "OriginalFile":
        """The stored original of ``data``, written to storage the first
        time these bytes are seen (``name`` is remembered from that time).

        The file is written before the row commits: a transaction rolled
        back afterwards leaves a file without a row, which the next
        ``keep`` of the same bytes takes up again instead of a second copy."""
        sha = hashlib.sha256(data).hexdigest()
        original, _created = self.get_or_create(
            sha256=sha, defaults={"name": name[:255], "size": len(data)}
        )
        storage = original.file.storage
        if not original.file or not storage.exists(original.file.name):
            path = storage_name(sha)
            if not storage.exists(path):
                path = storage.save(path, ContentFile(data))
            original.file.name = path
            original.save(update_fields=["file"])
        return original


class OriginalFile(models.Model):
    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    file = models.FileField(_("文件"), max_length=200)
    name = models.CharField(
        _("文件名"), max_length=255, help_text=_("The name the file first arrived under.")
    )
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    created = models.DateTimeField(_("保存时间"), auto_now_add=True)

    objects = OriginalFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("原始文件")
        verbose_name_plural = _("原始文件")

    def __str__(self):
        return f"{self.name} ({self.sha256[:12]})"

    def get_absolute_url(self):
        return reverse("original-file", args=[self.sha256])
