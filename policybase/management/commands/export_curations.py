"""``manage.py export_curations``: write curated edits to fixtures/curation.

The file has the format of ``corrections.json`` and ``ingest`` loads every
``fixtures/curation/*.json``, so the edits replay on a fresh database; facts
a curator added ("add" entries) are made again from their quote.
Curations that came from another fixture file are already kept there and
are not repeated.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from documents.curation import EXPORT_NAME, export_curations
from policybase.ingest.sources import CURATION_DIR


class Command(BaseCommand):
    help = "Export curations as a replayable fixture / 导出人工审核记录"

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(CURATION_DIR),
            help="target directory / 输出目录 (default: fixtures/curation)",
        )
        parser.add_argument("--name", default=EXPORT_NAME, help="file name / 文件名")

    def handle(self, *args, directory, name, **options):
        path, count = export_curations(Path(directory), name)
        self.stdout.write(f"{count} curation(s) / 条审核记录 → {path}")
