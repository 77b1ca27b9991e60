"""Curations kept as fixture files (``fixtures/curation/*.json``).

Reads: the shipped files, once per ingest run; the ``Curation`` rows.
Writes: a ``Curation`` row per file entry about a document being ingested
(``ShippedCurations.record``); ``export_curations`` writes the curations
made in the admin or by import to a file of the same format, so that they
replay on a fresh database.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType

from documents.models import Curation

EXPORT_NAME = "curated-edits.json"


EXPORT_ABOUT = (
    "Curations made in the admin or by import, exported by `manage.py "
    "export_curations`. Same format as corrections.json: `ingest` loads every "
    "fixtures/curation/*.json (in name order) and re-applies them, so they "
    "replay on a fresh database. Several decisions about one fact are merged "
    "into one entry (changes in order, the last action)."
)


def shipped_source(curation, directory: Path) -> str | None:
    """The fixture file a curation was loaded from, if it still exists."""
    name, sep, _ = curation.source.partition(":")
    if sep and name.endswith(".json") and (directory / name).exists():
        return name
    return None


def export_entries(directory: Path, name: str = EXPORT_NAME) -> list[dict]:
    """Every curation not already kept in another fixture file, one entry per fact.

    Curations loaded from ``name`` itself are included, so that exporting
    again after a replay rewrites the file without losing them.
    """
    entries: dict[tuple, dict] = {}
    curations = Curation.objects.select_related("content_type", "document").order_by(
        "created", "pk"
    )
    for curation in curations:
        origin = shipped_source(curation, directory)
        if origin is not None and origin != name:
            continue
        label = f"{curation.content_type.app_label}.{curation.content_type.model}"
        identity = (
            label,
            curation.document.key,
            curation.fingerprint or json.dumps(curation.locator, sort_keys=True),
            # An added fact and the later decisions about it (same
            # fingerprint) stay two entries: merged, the add would be lost.
            curation.action == Curation.Action.ADD,
        )
        entry = entries.get(identity)
        if entry is None:
            entry = entries[identity] = {
                "model": label,
                "document": curation.document.key,
                "locator": curation.locator,
                "fingerprint": curation.fingerprint,
                "action": curation.action,
                "changes": {},
                "reason": "",
            }
        entry["action"] = curation.action
        entry["changes"].update(curation.changes)
        if curation.reason and curation.reason not in entry["reason"]:
            entry["reason"] = "\n".join(p for p in (entry["reason"], curation.reason) if p)
    return list(entries.values())


def export_curations(directory: Path, name: str = EXPORT_NAME) -> tuple[Path, int]:
    """Write the curations to ``directory/name``; return the path and entry count."""
    entries = export_entries(directory, name)
    path = directory / name
    payload = {"_about": EXPORT_ABOUT, "corrections": entries}
    path.write_text(
        json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
        encoding="utf-8",
    )
    return path, len(entries)


class ShippedCurations:
    """The entries of the shipped curation files, read once per ingest run
    and grouped by the document they are about.

    Each entry names its model ("targets.figure"), its document by key, a
    locator and the changes.  ``record`` stores the entries about one
    document as ``Curation`` rows whose ``source`` names the file and a
    digest of the entry's identity, so recording them again on the next run
    updates rather than duplicates.
    """

    def __init__(self, entries: dict[str, list[tuple[str, dict]]] | None = None):
        self.entries = entries or {}  # document key -> [(file name, entry)]

    @classmethod
    def read(cls, directory: Path) -> ShippedCurations:
        """Every ``*.json`` of ``directory``, in name order."""
        entries: dict[str, list[tuple[str, dict]]] = {}
        for path in sorted(Path(directory).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for entry in data["corrections"]:
                entries.setdefault(entry["document"], []).append((path.name, entry))
        return cls(entries)

    def record(self, document) -> int:
        """Store the entries about ``document``; return how many there were."""
        entries = self.entries.get(document.key, [])
        for file_name, entry in entries:
            app_label, model_name = entry["model"].split(".")
            identity = json.dumps(
                [entry["model"], entry["document"], entry.get("locator"), entry.get("fingerprint")],
                sort_keys=True,
                ensure_ascii=False,
            )
            digest = hashlib.sha1(identity.encode()).hexdigest()[:12]
            record_entry(
                content_type=ContentType.objects.get_by_natural_key(app_label, model_name),
                document=document,
                source=f"{file_name}:{digest}",
                values={
                    "locator": entry.get("locator", {}),
                    "fingerprint": entry.get("fingerprint", ""),
                    "action": entry["action"],
                    "changes": entry.get("changes", {}),
                    "reason": entry.get("reason", ""),
                },
            )
        return len(entries)


def record_entry(*, values, **identity):
    """Create or update one shipped curation, writing nothing (no row, no
    history record, no new data version) when it is stored as it reads."""
    curation = Curation.objects.filter(**identity).first()
    if curation is None:
        Curation.objects.create(**identity, **values)
        return
    if any(getattr(curation, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(curation, name, value)
        curation.save()
