"""``manage.py backup_kb FILE``: dump the whole knowledge base to JSON.

Documents, provisions, facts, curations, their edit history, the
reference tables, and the users, groups and API tokens (``policybase/
backup.py`` says what and how).  The file holds password hashes and API
tokens: keep it as private as the database.  ``restore_kb`` reads it.
"""

from django.core.management.base import BaseCommand

from policybase.backup import write_backup


class Command(BaseCommand):
    help = "Back up the knowledge base to a JSON file / 备份知识库"

    def add_arguments(self, parser):
        parser.add_argument("file", help="output file / 输出文件 (.json)")

    def handle(self, *args, file, **options):
        count = write_backup(file)
        self.stdout.write(f"knowledge base written to / 知识库已备份至 {file} ({count} objects)")
