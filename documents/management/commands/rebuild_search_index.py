from time import perf_counter

from django.core.management.base import BaseCommand

from documents.search import index


class Command(BaseCommand):
    help = "重建全文检索索引 / Rebuild the search index from every provision."

    def handle(self, *args, **options):
        started = perf_counter()
        count = index.rebuild()
        self.stdout.write(
            f"已索引 {count} 个条款，用时 {perf_counter() - started:.2f} 秒。"
            f" / Indexed {count} provisions in {perf_counter() - started:.2f} s."
        )
