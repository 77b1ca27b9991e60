"""``manage.py restore_kb FILE``: load a ``backup_kb`` file into an empty database.

Refuses when the database already holds documents or curations: restoring on
top of other data would mix two knowledge bases (flush or migrate a fresh
database first).  Loading is one transaction.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.models import Curation, Document


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
        with transaction.atomic():
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(
            f"restored / 已恢复: {Document.objects.count()} documents, "
            f"{Curation.objects.count()} curations"
        )
