"""``manage.py ingest [PATH …]``: load documents into the knowledge base.

Without paths it loads the five bundled documents (fixtures/sources) with
their curated manifest and the shipped curated corrections.  Paths may be
files of any format documents.readers knows (text, PDF, scanned PDF or
image, .docx, web page, .ofd) or folders of them, walked recursively.  Each document is
one transaction: a file that cannot be read leaves the database as it was.
``--jobs`` processes (every core by default) read the files that are not
plain text ahead of the one being written (``policybase.ingest.read_ahead``).
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from documents.curation import ShippedCurations
from policybase.ingest import (
    DocumentReport,
    RunReport,
    bundled_sources,
    ingest_source,
    sources_from_paths,
)
from policybase.ingest.read_ahead import readings
from policybase.ingest.sources import CURATION_DIR, same_file


class Command(BaseCommand):
    help = "Ingest policy documents / 导入政策文件 (default: the five bundled documents)"

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="files or folders to ingest (text, PDF, docx, HTML, OFD, scans) / "
            "待导入的文件或文件夹",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="re-run every stage even when a file is unchanged / 文件未变也重新处理",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="processes reading PDF, Word, web, OFD files and scans ahead of the one being "
            "written (default: every core; 1: read in turn) / 并行读取文件的进程数（默认：全部核心）",
        )

    def handle(self, *args, paths, force, jobs, **options):
        sources = sources_from_paths(paths) if paths else bundled_sources()
        if paths and not sources:
            raise CommandError(
                f"没有可导入的文件：{' '.join(paths)} / no files to ingest in {' '.join(paths)}"
            )
        # The shipped curation files are read once; each document's entries
        # are recorded and applied in the last stage of its transaction.
        shipped = ShippedCurations.read(CURATION_DIR)
        report = RunReport()
        total = len(sources)
        first_of_name = {}
        ahead = readings(sources, jobs, force=force)
        for n, (source, reading) in enumerate(zip(sources, ahead, strict=True), 1):
            self.progress(f"[{n}/{total}] {source.path.name} …")
            first = first_of_name.setdefault(source.path.name, source.path)
            if first != source.path and not same_file(first, source.path):
                doc_report = DocumentReport(source=source.path.name, key=source.key)
                doc_report.status = "failed"
                doc_report.error = (
                    f"本次已导入同名文件 {first}，未导入 / a file of this name was "
                    f"ingested earlier in this run ({first}); nothing imported"
                )
            else:
                doc_report = ingest_source(source, force=force, shipped=shipped, reading=reading)
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
