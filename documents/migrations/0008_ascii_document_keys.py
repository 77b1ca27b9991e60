"""Give every document an ASCII key its URLs accept.

Before, a file with a Chinese name was keyed by its characters
("科技政策文件"), which the ``<slug:>`` routes reject: every page listing
the document answered 500.  Such a document gets the key ``ingest`` now
makes from its file name (``documents.keys``), so that the next ingest of
the file updates it.  The facts curators added to it, and the curations
about them, are known by a fingerprint that holds the document's key
(``documents.curation.added.added_fingerprint``, restated below as it
stands when this migration is written): those are recomputed.
"""

import hashlib
import json
from pathlib import PurePath

from django.db import migrations

from documents.keys import document_key, is_valid

ADDED_PREFIX = "curated:"


def added_fingerprint(label_lower, document_key, quote, raw_text):
    identity = json.dumps([label_lower, document_key, quote, raw_text], ensure_ascii=False)
    return ADDED_PREFIX + hashlib.sha1(identity.encode("utf-8")).hexdigest()


def ascii_keys(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Curation = apps.get_model("documents", "Curation")
    taken = set(Document.objects.values_list("key", flat=True))
    for document in Document.objects.only("pk", "key", "source_name"):
        if is_valid(document.key):
            continue
        key = document_key(PurePath(document.source_name).stem or document.key)
        if key in taken:
            key = f"document-{document.pk}"
        taken.add(key)
        Document.objects.filter(pk=document.pk).update(key=key)
        adds = Curation.objects.filter(document_id=document.pk, action="add").select_related(
            "content_type"
        )
        for add in adds:
            content_type = add.content_type
            locator = add.locator or {}
            new = added_fingerprint(
                f"{content_type.app_label}.{content_type.model}",
                key,
                locator.get("quote") or "",
                locator.get("raw_text") or "",
            )
            old = add.fingerprint
            if not old or old == new:
                continue
            Curation.objects.filter(
                document_id=document.pk, content_type_id=content_type.pk, fingerprint=old
            ).update(fingerprint=new)
            try:
                model = apps.get_model(content_type.app_label, content_type.model)
            except LookupError:
                continue
            model.objects.filter(document_id=document.pk, fingerprint=old).update(
                fingerprint=new
            )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_remove_document_search_text"),
    ]

    operations = [
        migrations.RunPython(ascii_keys, migrations.RunPython.noop),
    ]
