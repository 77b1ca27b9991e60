"""Open-data releases of the whole knowledge base, and loading one back.

A release is a directory:

    release.json        format version, content hash, row count and SHA-256 per file
    README.md           field descriptions, licence, provenance
    openapi.yaml        the API schema the rows correspond to
    <resource>.jsonl    one JSON object per row (the canonical form, what load reads)
    <resource>.csv      the same rows for spreadsheets (UTF-8 with BOM)

Rows carry every stored column except the volatile ones (created/updated
timestamps, curator accounts), keyed by primary key, ordered by it, written
with fixed formatting: the same database always gives byte-identical files,
and ``load`` into an empty database followed by ``export`` reproduces them.
"""

import dataclasses
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.core.management.color import no_style
from django.db import connection, models, transaction

from documents.apikit.spreadsheets import csv_bytes
from documents.models import CrossReference, Curation, Document, Provision, Theme
from documents.serializers import (
    CROSSREF_FIELDS,
    DOCUMENT_FIELDS,
    PROVISION_FIELDS,
    THEME_FIELDS,
)
from measures.models import InstrumentType, Measure, Subsidy, TargetGroup
from measures.serializers import INSTRUMENT_TYPE_FIELDS, MEASURE_FIELDS, SUBSIDY_FIELDS
from targets.models import Figure, Indicator, Target
from targets.serializers import INDICATOR_FIELDS, QUANTITY_FIELDS_HELP

FORMAT_VERSION = 1

FACT_EXTRA = {
    "fingerprint": "Identifies the fact across re-ingests (document, provision, number, occurrence).",
    "sentence_start": "Offset where the source sentence starts.",
    "sentence_end": "Offset where the source sentence ends.",
    "extracted": "The rule's output as last seen, before curation.",
}
FACT_RELEASE_FIELDS = {
    **QUANTITY_FIELDS_HELP,
    **FACT_EXTRA,
    "indicator": "Id of the indicator (see indicators).",
    "document": "Id of the document (see documents).",
}

# Not part of the content: set by the database when a row is written, a
# person's account that does not belong in open data, or the stored copy of
# a document's original file, which only this installation holds (the
# original's hash is the document's ``source_sha256``).
VOLATILE_FIELDS = {"created", "updated", "author", "original"}


@dataclass(frozen=True)
class Resource:
    name: str
    model: type[models.Model]
    label: str
    descriptions: dict = dataclasses.field(default_factory=dict)

    def fields(self):
        return [
            f for f in self.model._meta.concrete_fields if f.name not in VOLATILE_FIELDS
        ]

    def many_to_many(self):
        return list(self.model._meta.many_to_many)

    def columns(self):
        return [f.name for f in self.fields()] + [f.name for f in self.many_to_many()]


# In load order: every row's foreign keys point at rows loaded before it
# (provision parents, theme parents and the documents replacing a document
# point within their own file).
RESOURCES = [
    Resource("themes", Theme, "Themes (主题) assigned to provisions.", THEME_FIELDS),
    Resource(
        "documents",
        Document,
        "Policy documents (政策文件) with raw and normalised text.",
        {
            **DOCUMENT_FIELDS,
            "raw_text": "The source text as decoded, before normalisation.",
            "text": "Normalised text; all character offsets refer to it.",
            "metadata_notes": "Where each metadata field came from (manifest or text).",
        },
    ),
    Resource(
        "provisions",
        Provision,
        "Provisions (条款) of every document, as a tree (parent).",
        {
            **PROVISION_FIELDS,
            "depth": PROVISION_FIELDS["level"],
            "search_text": "Word-segmented text for full-text search.",
        },
    ),
    Resource(
        "cross_references",
        CrossReference,
        "Citations (引用) of other documents.",
        {
            **CROSSREF_FIELDS,
            "target": "Id of the cited document when it is in the knowledge base.",
        },
    ),
    Resource(
        "instrument_types",
        InstrumentType,
        "Policy instrument typology (政策工具类型).",
        INSTRUMENT_TYPE_FIELDS,
    ),
    Resource("target_groups", TargetGroup, "Groups measures are aimed at (政策对象)."),
    Resource("measures", Measure, "Policy measures (政策措施).", MEASURE_FIELDS),
    Resource("indicators", Indicator, "Indicators (指标).", INDICATOR_FIELDS),
    Resource("targets", Target, "Numeric targets (目标).", FACT_RELEASE_FIELDS),
    Resource("figures", Figure, "Reported figures (统计数据).", FACT_RELEASE_FIELDS),
    Resource(
        "subsidies",
        Subsidy,
        "Subsidy rules (资助规则).",
        {**SUBSIDY_FIELDS, **FACT_EXTRA},
    ),
    Resource(
        "curations",
        Curation,
        "Curators' decisions (人工审核记录), replayed on the facts after every ingest.",
        {
            "content_type": "Kind of fact the decision is about (app_label.model); "
            "documents.document for a decision about a document's validity or the "
            "document replacing it.",
            "fingerprint": "Fingerprint of the fact (see the fact tables).",
            "locator": "Quote of the sentence and number, used when the fingerprint changed.",
            "action": "confirm, correct or reject.",
            "changes": "For corrections: field → new value.",
            "reason": "The curator's reason.",
        },
    ),
]


class ReleaseError(Exception):
    pass


# --- export -------------------------------------------------------------


def to_json_value(field, value):
    if value is None:
        return None
    if isinstance(field, models.ForeignKey) and field.related_model is ContentType:
        content_type = ContentType.objects.get_for_id(value)
        return f"{content_type.app_label}.{content_type.model}"
    if isinstance(value, Decimal):
        # Fixed places, never exponent notation: "2.0000", not "2" or "2E+0".
        return f"{value:.{field.decimal_places}f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(field, models.JSONField):
        # PostgreSQL's jsonb reorders object keys, SQLite keeps them as
        # written: sort them so both give the same bytes.
        return json.loads(json.dumps(value, sort_keys=True))
    return value


def rows(resource):
    fields = resource.fields()
    m2m = resource.many_to_many()
    queryset = resource.model._base_manager.order_by("pk")
    links = {}
    for field in m2m:
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        pairs = through.objects.order_by(f"{source}_id", f"{target}_id").values_list(
            f"{source}_id", f"{target}_id"
        )
        per_row = links.setdefault(field.name, {})
        for owner, other in pairs:
            per_row.setdefault(owner, []).append(other)
    for values in queryset.values_list(*[f.attname for f in fields]):
        row = {f.name: to_json_value(f, v) for f, v in zip(fields, values, strict=True)}
        for field in m2m:
            row[field.name] = links[field.name].get(row["id"], [])
        yield row


def jsonl_bytes(resource_rows):
    out = io.StringIO()
    for row in resource_rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
    return out.getvalue().encode("utf-8")


def export(directory):
    """Write the release into ``directory`` (created if needed); returns the
    manifest.  Files are written whole, never appended."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = {}
    counts = {}
    for resource in RESOURCES:
        resource_rows = list(rows(resource))
        counts[resource.name] = len(resource_rows)
        files[f"{resource.name}.jsonl"] = jsonl_bytes(resource_rows)
        files[f"{resource.name}.csv"] = csv_bytes(
            resource.columns(), ([row[c] for c in resource.columns()] for row in resource_rows)
        )
    files["openapi.yaml"] = openapi_bytes()
    files["README.md"] = readme_bytes(counts)
    digests = {
        name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())
    }
    # Named by the data alone: the schema's integer bounds differ between
    # SQLite and PostgreSQL, the data does not.
    content = hashlib.sha256(
        "".join(
            f"{n}:{d}\n" for n, d in digests.items() if n != "openapi.yaml"
        ).encode()
    ).hexdigest()
    manifest = {
        "format_version": FORMAT_VERSION,
        # The release is named by its content: same data, same version.
        "release": content[:16],
        "counts": counts,
        "files": digests,
    }
    files["release.json"] = (
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    for name, data in files.items():
        (directory / name).write_bytes(data)
    return manifest


def openapi_bytes():
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={})


LICENCE = """\
The compilation (structure, extracted facts, curations, descriptions) is
released under the Creative Commons Attribution 4.0 International licence
(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). The source texts
are official documents of state organs, which the Copyright Law of the
People's Republic of China (art. 5) excludes from copyright protection.
Cite as: 吉林省科技政策知识库 / Jilin S&T Policy Knowledge Base, release {release}.
"""


def column_type(field):
    if field.many_to_many:
        return f"list of {field.related_model._meta.model_name} ids"
    if isinstance(field, models.ForeignKey):
        if field.related_model is ContentType:
            return "app_label.model"
        return f"{field.related_model._meta.model_name} id"
    return {
        "DecimalField": "decimal string",
        "DateField": "date YYYY-MM-DD",
        "JSONField": "JSON",
        "BooleanField": "boolean",
    }.get(
        field.get_internal_type(),
        "integer"
        if "Integer" in field.get_internal_type()
        or "AutoField" in field.get_internal_type()
        else "text",
    )


def english_description(resource, field):
    table = {r.model: r.name for r in RESOURCES}.get(field.related_model)
    if field.primary_key:
        return "Row id, the key other tables refer to."
    if table and field.many_to_many:
        return f"Ids of rows in `{table}`."
    if table:
        return f"Id of the row in `{table}`."
    text = resource.descriptions.get(field.name) or str(field.help_text or "")
    if field.choices:
        text = (
            text + " Values: " + ", ".join(str(v) for v, _ in field.choices if v)
        ).strip()
    return text


def readme_bytes(counts, release="(see release.json)"):
    out = io.StringIO()
    out.write(
        "# 吉林省科技政策知识库 开放数据 / Jilin S&T Policy Knowledge Base — open data\n\n"
    )
    out.write(
        "Every table of the knowledge base as JSON Lines (`<table>.jsonl`, one object per "
        "row, the canonical form) and CSV (`<table>.csv`, UTF-8 with BOM, lists and "
        "objects as JSON in the cell; a text cell beginning with =, +, -, @, a tab or a "
        "carriage return, or with a single quote, has a single quote put in front so "
        "that spreadsheets show it and never run it as a formula; the JSON Lines keep "
        "it unchanged). Rows are ordered by `id`; foreign keys are ids "
        "in the named table. `openapi.yaml` describes the REST API serving the same "
        "data; `release.json` lists each file's SHA-256 and row count. Load a release "
        "into an empty database with `python manage.py load_release DIR`.\n\n"
        "Timestamps (created/updated) and curator accounts are not part of a release.\n\n"
    )
    out.write("## Licence\n\n" + LICENCE.format(release=release) + "\n")
    out.write("## Provenance\n\n")
    out.write(
        "Each document was read from the source file named below (SHA-256 of its bytes) by "
        "the ingestion pipeline of the stated version; facts are the output of "
        "declarative extraction rules (`rule`), with curated corrections applied "
        "(`review_status`, `raw_value` keeps the value before correction; "
        "`curations.jsonl` holds every decision and its `source`).\n\n"
        "| document | source file | SHA-256 | pipeline |\n| --- | --- | --- | --- |\n"
    )
    for document in Document.objects.order_by("key"):
        out.write(
            f"| {document.key} | {document.source_name} | {document.source_sha256} "
            f"| {document.pipeline_version} |\n"
        )
    out.write("\n## Tables\n")
    for resource in RESOURCES:
        out.write(f"\n### {resource.name} ({counts[resource.name]} rows)\n\n")
        out.write(f"{resource.label}\n\n| column | type | 中文 | description |\n")
        out.write("| --- | --- | --- | --- |\n")
        for field in resource.fields() + resource.many_to_many():
            description = english_description(resource, field).replace("|", "\\|")
            out.write(
                f"| {field.name} | {column_type(field)} | {field.verbose_name} "
                f"| {description} |\n"
            )
    return out.getvalue().encode("utf-8")


# --- load ---------------------------------------------------------------


def from_json_value(field, value):
    if value is None:
        return None
    if isinstance(field, models.ForeignKey) and field.related_model is ContentType:
        app_label, model = value.split(".")
        return ContentType.objects.get_by_natural_key(app_label, model).pk
    if isinstance(field, models.DecimalField):
        return Decimal(value)
    if isinstance(field, models.DateField) and not isinstance(
        field, models.DateTimeField
    ):
        return date.fromisoformat(value)
    return value


def read_manifest(directory):
    path = Path(directory) / "release.json"
    if not path.exists():
        raise ReleaseError(
            f"找不到 release.json / Not a release directory: {directory}"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ReleaseError(
            f"不支持的发布格式 / Unsupported release format: {manifest.get('format_version')}"
        )
    for name, digest in manifest["files"].items():
        data = (Path(directory) / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ReleaseError(f"文件校验失败 / Checksum mismatch: {name}")
    return manifest


def is_empty():
    return not any(r.model._base_manager.exists() for r in RESOURCES)


@transaction.atomic
def load(directory, batch_size=500):
    """Load a release into an empty database; returns the row counts."""
    manifest = read_manifest(directory)
    if not is_empty():
        raise ReleaseError(
            "数据库非空，只能载入到空数据库 / The database is not empty: "
            "a release loads only into an empty database"
        )
    counts = {}
    for resource in RESOURCES:
        fields = {f.name: f for f in resource.fields()}
        m2m = resource.many_to_many()
        objects, links = [], []
        path = Path(directory) / f"{resource.name}.jsonl"
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                values = {
                    fields[name].attname: from_json_value(fields[name], row[name])
                    for name in fields
                }
                objects.append(resource.model(**values))
                for field in m2m:
                    links.extend((field, row["id"], other) for other in row[field.name])
        resource.model._base_manager.bulk_create(objects, batch_size=batch_size)
        for field in m2m:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [
                    through(**{f"{source}_id": owner, f"{target}_id": other})
                    for f, owner, other in links
                    if f is field
                ],
                batch_size=batch_size,
            )
        counts[resource.name] = len(objects)
    if counts != manifest["counts"]:
        raise ReleaseError(f"行数不符 / Row counts differ from release.json: {counts}")
    # Explicit ids were inserted: move PostgreSQL's sequences past them.
    models_loaded = [r.model for r in RESOURCES] + [
        f.remote_field.through for r in RESOURCES for f in r.many_to_many()
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_loaded):
            cursor.execute(sql)
    if "rebuild_search_index" in get_commands():
        # The search index is derived data, not part of the release.
        call_command("rebuild_search_index", stdout=io.StringIO())
    return counts
