from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PolicybaseConfig(AppConfig):
    name = "policybase"
    verbose_name = "Policy knowledge base"

    def ready(self):
        from . import data_version

        # After every migrate, so that tables added by later migrations
        # get their triggers too.
        post_migrate.connect(data_version.install_after_migrate, sender=self)
