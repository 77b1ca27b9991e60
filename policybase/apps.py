from django.apps import AppConfig
from django.db.models.signals import post_migrate

from documents.apikit import data_version


class PolicybaseConfig(AppConfig):
    name = "policybase"
    verbose_name = "Policy knowledge base"

    def ready(self):
        # After every migrate, so that tables added by later migrations
        # get their triggers too.
        post_migrate.connect(data_version.install_after_migrate, sender=self)
