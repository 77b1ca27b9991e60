"""Admin edits keep the index current.

A signal is the exception to the house rule (logic on models, not in signals)
because the writers are not ours: the admin (another app's ModelAdmin), the
shell and any future bulk tool all save Provision through the ORM, and
deletes cascade from Document without calling our code.  A save is indexed
when its transaction commits (``index.schedule``), so ingest — which calls
``index.update`` itself at the end of each document — does not index every
provision twice; a delete is removed at once, inside its transaction.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from documents.models import Provision

from . import index


@receiver(post_save, sender=Provision, dispatch_uid="search-index-save")
def provision_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: the index is rebuilt afterwards
        return
    if update_fields is not None and not {"heading", "text"} & set(update_fields):
        return  # search_text written back by the index itself, position changes …
    index.schedule(instance.pk)


@receiver(post_delete, sender=Provision, dispatch_uid="search-index-delete")
def provision_deleted(sender, instance, **kwargs):
    index.remove([instance.pk])
