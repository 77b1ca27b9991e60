from django.apps import AppConfig
from django.db.backends.signals import connection_created

from documents.apikit import data_version


class PolicybaseConfig(AppConfig):
    name = "policybase"
    verbose_name = "Policy knowledge base"

    def ready(self):
        # Every connection notices its writes to the knowledge base and
        # bumps the data version after they commit.
        connection_created.connect(data_version.watch)
