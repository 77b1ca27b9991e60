import sys
from time import perf_counter

from django.core.management.base import BaseCommand

from documents.search import index


class Command(BaseCommand):
    help = "重建全文检索索引 / Rebuild the search index from every provision."

    def handle(self, *args, **options):
        started = perf_counter()
        count = index.rebuild(progress=self.progress)
        if sys.stderr.isatty():
            self.stderr.write("")
        elapsed = perf_counter() - started
        self.stdout.write(
            f"已索引 {count} 个条款，用时 {elapsed:.2f} 秒。"
            f" / Indexed {count} provisions in {elapsed:.2f} s."
        )

    def progress(self, done, total):
        # Progress goes to stderr on a terminal, so stdout stays a clean report.
        if sys.stderr.isatty():
            self.stderr.write(f"索引中 / indexing: {done}/{total}", ending="\r")
