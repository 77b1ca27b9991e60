"""``manage.py ingest [PATH …]``: load documents into the knowledge base.

Without paths it loads the five bundled documents (fixtures/sources) with
their curated manifest and the shipped curated corrections.  Each document is
one transaction: a file that cannot be read leaves the database as it was.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from documents.curation import ShippedCurations
from policybase.ingest import (
    RunReport,
    bundled_sources,
    ingest_source,
    source_from_path,
)
from policybase.ingest.sources import CURATION_DIR


class Command(BaseCommand):
    help = "Ingest policy documents / 导入政策文件 (default: the five bundled documents)"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="text files to ingest / 待导入的文本文件")
        parser.add_argument(
            "--force",
            action="store_true",
            help="re-run every stage even when a file is unchanged / 文件未变也重新处理",
        )

    def handle(self, *args, paths, force, **options):
        sources = [source_from_path(p) for p in paths] if paths else bundled_sources()
        # The shipped curation files are read once; each document's entries
        # are recorded and applied in the last stage of its transaction.
        shipped = ShippedCurations.read(CURATION_DIR)
        report = RunReport()
        total = len(sources)
        for n, source in enumerate(sources, 1):
            self.progress(f"[{n}/{total}] {source.path.name} …")
            doc_report = ingest_source(source, force=force, shipped=shipped)
            report.documents.append(doc_report)
            style = self.style.ERROR if doc_report.failed else self.style.SUCCESS
            self.stdout.write(style(f"[{n}/{total}] {doc_report.line()}"))
            for conflict in doc_report.conflicts:
                self.stdout.write(self.style.WARNING(f"    conflict / 冲突: {conflict}"))
            for warning in doc_report.warnings:
                self.stdout.write(self.style.WARNING(f"    warning / 警告: {warning}"))
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} 个文件导入失败 / {len(report.failed)} file(s) failed"
            )

    def progress(self, message):
        # Progress goes to stderr so that stdout stays a clean report.
        if sys.stderr.isatty():
            self.stderr.write(message, ending="\r")
