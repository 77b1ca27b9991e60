"""Faster ways through DRF's serializers for long read-only lists.

DRF serialises each field of each row through ``field.get_attribute`` (a
walk over ``source_attrs`` with callable checks) and ``to_representation``,
after Django has built a model instance per row (and one per related row
prefetched); on a 50-row page that is most of the request's time.

``ValuesPlan`` reads a list page without model instances: it works out once
per serializer class which column each field shows (``document__key`` for a
document's slug, ``parent`` for a foreign key's id, ``document__valid_from``
for a dotted source through a foreign key that is never null, …), fetches
the page with ``QuerySet.values_list()`` and a second ``values_list()`` per
many-to-many field, and converts each value with the field's own
``to_representation``.  A serializer with any field it cannot read that way
(a property, a method field, a nested serializer) gets no plan, and its lists go
through ``FastListSerializer`` instead.  Both produce exactly what the
serializer would (``tests/api/test_values_rows.py`` compares them).
"""

from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from rest_framework import fields, relations, serializers
from rest_framework.fields import SkipField

# DRF fields whose to_representation returns the value Django read unchanged
# (str(s), int(i), a bool, decoded JSON), for model fields of these types.
UNCHANGED = {
    fields.CharField: {"CharField", "TextField", "SlugField"},
    fields.IntegerField: {
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "BigIntegerField",
        "AutoField",
        "BigAutoField",
    },
    fields.BooleanField: {"BooleanField"},
    fields.JSONField: {"JSONField"},
}


class ValuesPlan:
    """The columns a serializer's fields show, and how to convert each."""

    _plans = {}

    def __init__(self, model, columns, entries, many):
        self.model = model
        # Arguments of values_list(), the primary key last.
        self.columns = columns
        # (output name, index into a values_list row, converter or None)
        self.entries = entries
        # (output name, model field name, slug field) of many-to-many fields
        self.many = many

    @classmethod
    def for_serializer(cls, serializer_class):
        """The plan of a ModelSerializer class, or None when one of its
        fields needs a model instance."""
        if serializer_class not in cls._plans:
            cls._plans[serializer_class] = cls._build(serializer_class)
        return cls._plans[serializer_class]

    @classmethod
    def _build(cls, serializer_class):
        meta = getattr(serializer_class, "Meta", None)
        model = getattr(meta, "model", None)
        if model is None:
            return None
        columns, entries, many = [], [], []
        for field in serializer_class()._readable_fields:
            read = _column(model, field)
            if read is None:
                return None
            kind, column, convert = read
            if kind == "many":
                many.append((field.field_name, column, convert))
                entries.append((field.field_name, None, None))
                continue
            if column not in columns:
                columns.append(column)
            entries.append((field.field_name, columns.index(column), convert))
        columns.append("pk")
        return cls(model, columns, entries, many)

    def values(self, queryset):
        """``queryset`` as the rows this plan reads."""
        # Prefetches are for model instances; the many fields are read below.
        return queryset.prefetch_related(None).values_list(*self.columns)

    def rows(self, values, queryset):
        """The serializer's output for ``values`` (rows of ``self.values()``);
        ``queryset`` is the list's queryset before ``values()``, whose
        prefetches give the order of each many-to-many field's items."""
        values = list(values)
        pk = len(self.columns) - 1
        entries = self.entries
        if self.many:
            ids = [row[pk] for row in values]
            related = {
                name: self._many_values(queryset, source, slug, ids)
                for name, source, slug in self.many
            }
            entries = [
                (name, pk, related[name].__getitem__)
                if index is None
                else (name, index, convert)
                for name, index, convert in entries
            ]
        out = []
        for row in values:
            item = {}
            for name, index, convert in entries:
                value = row[index]
                item[name] = (
                    value if convert is None or value is None else convert(value)
                )
            out.append(item)
        return out

    def _many_values(self, queryset, source, slug, ids):
        """{pk: [slug, …]} for the many-to-many field ``source``, in the order
        its prefetch (or the related model's default ordering) gives."""
        model_field = self.model._meta.get_field(source)
        related = model_field.related_model._default_manager.all()
        for lookup in queryset._prefetch_related_lookups:
            if (
                isinstance(lookup, Prefetch)
                and lookup.prefetch_to == source
                and lookup.queryset is not None
            ):
                related = lookup.queryset
        back = model_field.related_query_name()
        by_pk = {pk: [] for pk in ids}
        for pk, value in related.filter(**{f"{back}__in": ids}).values_list(back, slug):
            by_pk[pk].append(value)
        return by_pk


def _column(model, field):
    """("one" | "many", column, converter) for a field ValuesPlan can read,
    None for the rest."""
    if field.source == "*":
        return None
    if len(field.source_attrs) > 1:
        return _joined_column(model, field)
    source = field.source_attrs[0]
    try:
        model_field = model._meta.get_field(source)
    except FieldDoesNotExist:
        return None
    if not model_field.concrete and not model_field.many_to_many:
        return None
    if isinstance(field, relations.ManyRelatedField):
        child = field.child_relation
        if type(child) is relations.SlugRelatedField and model_field.many_to_many:
            return "many", source, child.slug_field
        return None
    if model_field.many_to_many:
        return None
    if type(field) is relations.SlugRelatedField and model_field.many_to_one:
        return "one", f"{source}__{field.slug_field}", None
    if (
        type(field) is relations.PrimaryKeyRelatedField
        and field.pk_field is None
        and model_field.many_to_one
    ):
        return "one", source, None
    if isinstance(
        field,
        relations.RelatedField
        | relations.ManyRelatedField
        | serializers.BaseSerializer
        | serializers.ModelField
        | serializers.SerializerMethodField
        | serializers.HiddenField,
    ):
        return None
    if model_field.is_relation:
        return None
    unchanged = UNCHANGED.get(type(field), ())
    if model_field.get_internal_type() in unchanged:
        return "one", source, None
    return "one", source, field.to_representation


def _joined_column(model, field):
    """A dotted source through foreign keys that are never null
    ("document.valid_from"): the joined column, converted by the field.  A
    null key would make DRF skip the field, which a column cannot mirror."""
    *path, name = field.source_attrs
    for attr in path:
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return None
        if not model_field.many_to_one or model_field.null:
            return None
        model = model_field.related_model
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if model_field.is_relation or not model_field.concrete:
        return None
    if isinstance(field, relations.RelatedField | serializers.BaseSerializer):
        return None
    return "one", "__".join(field.source_attrs), field.to_representation


def _reader(field):
    """(getter, converter) for the fields that can skip DRF's machinery;
    None for the rest."""
    if len(field.source_attrs) != 1 or field.source == "*":
        return None
    source = field.source_attrs[0]
    if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
        return attrgetter(f"{source}_id"), None
    if isinstance(field, relations.SlugRelatedField):
        slug = field.slug_field
        return attrgetter(source), lambda related: getattr(related, slug)
    if isinstance(field, relations.RelatedField | relations.ManyRelatedField):
        return None
    if isinstance(field, serializers.BaseSerializer):
        return None
    if isinstance(field, serializers.ModelField | serializers.SerializerMethodField):
        return None
    return attrgetter(source), field.to_representation


class FastListSerializer(serializers.ListSerializer):
    """Lists of model instances: plain ``getattr`` where DRF would walk
    ``get_attribute``, DRF's own path for anything else.  Output is
    identical."""

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        plan = []
        for field in self.child._readable_fields:
            reader = _reader(field)
            plan.append((field.field_name, field, reader))
        out = []
        for instance in rows:
            row = {}
            for name, field, reader in plan:
                if reader is None:
                    try:
                        attribute = field.get_attribute(instance)
                    except SkipField:
                        continue
                    row[name] = (
                        None
                        if attribute is None
                        else field.to_representation(attribute)
                    )
                    continue
                getter, convert = reader
                value = getter(instance)
                if value is None or convert is None:
                    row[name] = value
                else:
                    row[name] = convert(value)
            out.append(row)
        return out
