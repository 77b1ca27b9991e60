from django.apps import AppConfig
from django.db.backends.signals import connection_created

from documents.apikit import data_version


class PolicybaseConfig(AppConfig):
    name = "policybase"
    # The admin shows the app by this name: what curators find in it.
    verbose_name = "上传与导入 / Uploads"

    def ready(self):
        # Every connection notices its writes to the knowledge base and
        # bumps the data version after they commit.
        connection_created.connect(data_version.watch)
