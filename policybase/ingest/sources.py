"""Where documents come from: the bundled five (with their curated manifest)
or any file or folder given on the command line (metadata detected from the
file).  A folder is walked recursively, in name order, hidden files skipped;
every file in it is tried (its kind is read from its bytes, not its name)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MANIFEST = FIXTURES / "manifest.json"
SOURCES_DIR = FIXTURES / "sources"
CURATION_DIR = FIXTURES / "curation"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    key: str
    manifest: dict | None = None  # curated metadata; None for user-supplied files

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
    """A URL-safe stable key from the file name (ASCII letters, digits, dashes;
    Chinese file names keep their characters, which Django's slug accepts)."""
    stem = re.sub(r"[^\w-]+", "-", path.stem, flags=re.UNICODE).strip("-_").lower()
    return stem[:80] or "document"


def source_from_path(path: str | Path) -> SourceFile:
    path = Path(path)
    for bundled in bundled_sources():
        if bundled.path.name == path.name:
            return SourceFile(path=path, key=bundled.key, manifest=bundled.manifest)
    return SourceFile(path=path, key=key_for_path(path))


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
