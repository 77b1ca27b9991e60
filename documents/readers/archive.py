"""Zip containers (.docx, .ofd) opened with limits.

A zip bomb is refused before anything is inflated: the members' declared
sizes are summed against ``MAX_UNCOMPRESSED`` and each member is read with a
cap, so a member whose header lies about its size stops at the cap too.
"""

from __future__ import annotations

import io
import zipfile

from documents.parsing.encoding import SourceError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
BROKEN = "压缩包已损坏 / the file is a broken zip archive"
BOMB = "压缩包解压后过大（疑似压缩炸弹） / the archive inflates beyond the limit (a decompression bomb?)"


class Archive:
    def __init__(self, data: bytes, *, limit: int = MAX_UNCOMPRESSED) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError, OSError):
            raise SourceError(BROKEN) from None
        if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > limit:
            raise SourceError(BOMB)
        self.limit = limit
        self.read_so_far = 0
        self.names = [info.filename for info in infos]

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        try:
            with self.zip.open(name) as member:
                data = member.read(self.limit - self.read_so_far + 1)
        except KeyError:
            raise SourceError(f"压缩包缺少 {name} / the archive lacks {name}") from None
        except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError):
            raise SourceError(BROKEN) from None
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise SourceError(BOMB)
        return data
