"""The table of the shared database cache (settings.CACHE_TABLE), which
holds the throttles' counters for every worker process.  Made here, not by a
separate ``createcachetable``, so that every ``migrate`` leaves a working
site; made whatever cache the settings name now, so that switching from
Redis back to the database cache needs nothing more."""

from django.conf import settings
from django.core.management.commands.createcachetable import (
    Command as CreateCacheTable,
)
from django.db import migrations


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(
        schema_editor.connection.alias, settings.CACHE_TABLE, dry_run=False
    )


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(
        f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHE_TABLE)}"
    )


class Migration(migrations.Migration):
    dependencies = [("policybase", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
