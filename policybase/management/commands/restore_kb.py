"""``manage.py restore_kb FILE``: load a ``backup_kb`` file into an empty database.

Refuses when the database already holds documents or curations: restoring on
top of other data would mix two knowledge bases (flush or migrate a fresh
database first).  Loading is one transaction, in bulk (``policybase/
backup.py``); the search index is rebuilt from the restored provisions
afterwards, so search answers as soon as the command ends.
"""

import sys
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError

from documents.models import Curation, Document
from documents.search import index
from policybase.backup import restore


class Command(BaseCommand):
    help = "Restore a knowledge-base backup into an empty database / 从备份恢复知识库"

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by backup_kb / backup_kb 生成的文件")

    def handle(self, *args, file, **options):
        if Document.objects.exists() or Curation.objects.exists():
            raise CommandError(
                "数据库不为空，拒绝恢复 / the database is not empty: restore into a "
                "fresh database (manage.py flush or a new DATABASE_URL)"
            )
        started = perf_counter()
        count = restore(file)
        loaded = perf_counter() - started
        indexed = index.rebuild(
            progress=self.progress if sys.stderr.isatty() else None, reuse_words=True
        )
        self.stdout.write(
            f"restored / 已恢复: {count} objects in {loaded:.1f} s "
            f"({Document.objects.count()} documents, {Curation.objects.count()} "
            f"curations); search index rebuilt / 已重建检索索引: {indexed} provisions "
            f"({perf_counter() - started:.1f} s in all)"
        )

    def progress(self, done, total):
        self.stderr.write(f"indexing / 建立索引 {done}/{total}", ending="\r")
