"""The data version is bumped after each committed write by the
application now (documents/apikit/data_version.py), no longer by triggers
inside every writing transaction: drop the triggers earlier versions
installed after each migrate."""

from django.db import migrations

NAME = "policybase_dv_bump"


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                [NAME],
            )
            for (table,) in cursor.fetchall():
                cursor.execute(
                    f"DROP TRIGGER IF EXISTS {NAME} ON "
                    f"{connection.ops.quote_name(table)}"
                )
            cursor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'policybase\\_dv\\_%' ESCAPE '\\'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {connection.ops.quote_name(name)}")


class Migration(migrations.Migration):

    dependencies = [
        ("policybase", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
    ]
