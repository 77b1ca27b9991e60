"""``manage.py backup_kb FILE``: dump the whole knowledge base to JSON.

Documents, provisions, facts, curations, their edit history, the
reference tables, and the users and groups that curations and history name
(foreign keys by natural key, so content types and permissions need not
have the same ids in the database it is restored into).  The file holds
password hashes: keep it as private as the database.

It is ``dumpdata`` with one difference: timestamps keep their microseconds
(Django's encoder cuts them to milliseconds, so a restored database would
differ from the one backed up).  ``restore_kb`` reads it with ``loaddata``.
"""

import datetime

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

KB_LABELS = ["auth.group", "auth.user", "documents", "measures", "targets"]


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def kb_models():
    models = []
    for label in KB_LABELS:
        if "." in label:
            models.append(apps.get_model(label))
        else:
            models.extend(apps.get_app_config(label).get_models())
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def kb_objects():
    for model in kb_models():
        yield from model._base_manager.order_by(model._meta.pk.name).iterator()


def write_backup(path):
    with open(path, "w", encoding="utf-8") as stream:
        serializers.serialize(
            "json",
            kb_objects(),
            stream=stream,
            indent=1,
            use_natural_foreign_keys=True,
            cls=ExactJSONEncoder,
        )


class Command(BaseCommand):
    help = "Back up the knowledge base to a JSON file / 备份知识库"

    def add_arguments(self, parser):
        parser.add_argument("file", help="output file / 输出文件 (.json)")

    def handle(self, *args, file, **options):
        write_backup(file)
        self.stdout.write(f"knowledge base written to / 知识库已备份至 {file}")
