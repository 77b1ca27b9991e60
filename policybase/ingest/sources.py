"""Where documents come from: the bundled five (with their curated manifest)
or any file or folder given on the command line (metadata detected from the
file).  A folder is walked recursively, in name order, hidden files skipped;
every file in it is tried (its kind is read from its bytes, not its name)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from documents.keys import document_key
from documents.models import Document
from documents.parsing.encoding import SourceError

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MANIFEST = FIXTURES / "manifest.json"
SOURCES_DIR = FIXTURES / "sources"
CURATION_DIR = FIXTURES / "curation"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    key: str
    manifest: dict | None = None  # curated metadata; None for user-supplied files
    # The file's name as its sender gave it; the name of ``path`` unless the
    # file lies elsewhere under another name (an upload, stored by its hash).
    name: str = ""

    def __post_init__(self):
        if not self.name:
            object.__setattr__(self, "name", self.path.name)

    def metadata(self) -> dict:
        """Manifest fields as model values (dates parsed, periods split)."""
        if not self.manifest:
            return {}
        m = self.manifest
        period = m.get("plan_period") or (None, None)
        return {
            "title": m.get("title") or "",
            "subject": m.get("subject") or "",
            "doc_number": m.get("doc_number") or "",
            "issuer": m.get("issuer") or "",
            "issued_on": date.fromisoformat(m["issued_on"]) if m.get("issued_on") else None,
            "doc_type": m.get("doc_type") or "",
            "plan_period_start": period[0],
            "plan_period_end": period[1],
        }


def bundled_sources() -> list[SourceFile]:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        SourceFile(path=SOURCES_DIR / entry["source"], key=entry["key"], manifest=entry)
        for entry in manifest["documents"]
    ]


def key_for_path(path: Path) -> str:
    """The document key for a file: an ASCII slug of its name valid in every
    URL (``documents.keys``: pinyin and a hash suffix for Chinese names)."""
    return document_key(path.stem)


def uploaded_source(path: Path, name: str) -> SourceFile:
    """An upload stored at ``path``, known (and keyed) by the name it was
    sent under, like a file of that name given to ``ingest``."""
    return SourceFile(path=path, key=key_for_path(Path(name)), name=name)


def source_from_path(path: str | Path) -> SourceFile:
    """A bundled source when ``path`` is one of the files in fixtures/sources
    (its manifest key and metadata); any other file is the user's, keyed by
    its name, whatever the name."""
    path = Path(path)
    for bundled in bundled_sources():
        if same_file(bundled.path, path):
            return SourceFile(path=path, key=bundled.key, manifest=bundled.manifest)
    return SourceFile(path=path, key=key_for_path(path))


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def check_claim(source: SourceFile) -> None:
    """Raise SourceError unless ``source`` may create or update the document
    of its key.  A document is known by its file name: a file of the same
    name updates it; a file of another name whose key is the same
    ("a b.txt" and "a-b.txt" are both "a-b"), or one named or keyed like a
    bundled source but lying elsewhere, is refused rather than replace
    another document.  The bundled sources own their keys."""
    if source.manifest is not None:
        return
    name, key = source.name, source.key
    for bundled in bundled_sources():
        if name == bundled.path.name or key == bundled.key:
            raise SourceError(
                f"“{name}”与内置文件 {bundled.path.name}（标识 {bundled.key}）同名或同标识，"
                f"未导入；请改名后重试 / '{name}' has the name or key of the bundled source "
                f"{bundled.path.name} (key {bundled.key}); nothing imported, rename the file"
            )
    holder = Document.objects.filter(key=key).values_list("source_name", flat=True).first()
    if holder is not None and holder != name:
        raise SourceError(
            f"标识 {key} 已属于文件“{holder}”的文档，未导入；请改名后重试 / "
            f"key {key} already belongs to the document from '{holder}'; "
            "nothing imported, rename the file"
        )


def sources_from_paths(paths) -> list[SourceFile]:
    """The files named, folders expanded (recursively, in name order)."""
    sources = []
    for given in map(Path, paths):
        if given.is_dir():
            files = sorted(
                p
                for p in given.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            sources += [source_from_path(p) for p in files]
        else:
            sources.append(source_from_path(given))
    return sources
