"""``manage.py setup_groups``: the curator and viewer permission groups.

Idempotent: run it after every migrate (``make migrate`` does).  Permissions
are set exactly, so removing one from the lists below takes it away again.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db.models import Q

KB_APPS = ("documents", "measures", "targets")

# Facts a curator confirms, corrects or rejects, and a document's validity
# (the admin turns every change into a Curation); curations themselves are
# made through the facts and documents, and a curator may amend a curation's
# reason.  Nobody but a superuser deletes.
CURATOR_CHANGE = {
    "targets": ["target", "figure"],
    "measures": ["subsidy"],
    "documents": ["curation", "document"],
}
# Facts a curator may add where the rules missed them (recorded as an add
# curation, so the fact survives re-ingest like any other decision), and
# files a curator uploads (an upload job each; "add" also retries one).
CURATOR_ADD = {
    "targets": ["target", "figure"],
    "measures": ["subsidy"],
    "policybase": ["uploadjob"],
}

GROUPS = {
    "curator": "审核员 / curator: views everything, confirms, corrects and adds facts",
    "viewer": "查看者 / viewer: views everything, changes nothing",
}


def view_permissions():
    return Permission.objects.filter(
        Q(content_type__app_label__in=KB_APPS, codename__startswith="view_")
        | Q(content_type__app_label="policybase", codename="view_uploadjob")
    )


def curator_permissions():
    granted = Q()
    for action, table in (("change", CURATOR_CHANGE), ("add", CURATOR_ADD)):
        for app_label, models in table.items():
            granted |= Q(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{m}" for m in models],
            )
    return view_permissions() | Permission.objects.filter(granted)


def setup_groups():
    curator, _ = Group.objects.get_or_create(name="curator")
    curator.permissions.set(curator_permissions())
    viewer, _ = Group.objects.get_or_create(name="viewer")
    viewer.permissions.set(view_permissions())
    return curator, viewer


class Command(BaseCommand):
    help = "Create or update the curator and viewer groups / 创建审核员与查看者用户组"

    def handle(self, *args, **options):
        for group in setup_groups():
            self.stdout.write(
                f"{group.name}: {group.permissions.count()} permissions / 项权限 — "
                f"{GROUPS[group.name]}"
            )
