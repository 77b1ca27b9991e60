"""``POST /api/v1/{targets,figures,subsidies}/{id}/curate/``: the API's only
write.  It records a ``Curation`` through ``curate`` (the same path as the
admin), so the decision survives re-ingest.  What may change is
``curated_fields`` of the viewset's model, the list the admin uses too."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from documents.apikit.permissions import CanCurate
from documents.models import Curation

from .decisions import curate
from .values import CurationError, coerce, curated_fields

# ``add`` makes a new fact from a quote of its document: the admin's add
# form, not a decision about this fact.
API_ACTIONS = [
    (value, label) for value, label in Curation.Action.choices
    if value != Curation.Action.ADD
]


class CurationRequestSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=API_ACTIONS,
        error_messages={
            "invalid_choice": "“{input}” 不是可用的操作（confirm、correct、reject；"
            "新增事实请用管理后台的“增加”） / “{input}” is not an action here "
            "(confirm, correct, reject; facts are added with the admin's add form)"
        },
        help_text="confirm: the rule read it right; correct: apply `changes`; "
        "reject: hide the fact. A rejected fact is reversed by confirming or "
        "correcting it.",
    )
    changes = serializers.DictField(
        required=False,
        default=dict,
        help_text='For `correct`: field name → new value, e.g. {"value": "2.5"}.',
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Why; shown to other curators.",
    )

    def validate(self, attrs):
        model = self.context["model"]
        curatable = set(curated_fields(model))
        errors = []
        for name, value in attrs["changes"].items():
            if name not in curatable:
                errors.append(f"{name}: 不可修改 / cannot be changed")
                continue
            try:
                model_field = model._meta.get_field(name)
                coerced = coerce(model, name, value)
                if not model_field.is_relation:
                    model_field.clean(coerced, None)
            except ObjectDoesNotExist:
                errors.append(f"{name}: 不存在 / no such object: {value!r}")
            except (CurationError, DjangoValidationError, ValueError, TypeError) as exc:
                errors.append(f"{name}: {exc}")
        if errors:
            raise ValidationError({"changes": errors})
        if attrs["action"] == Curation.Action.CORRECT and not attrs["changes"]:
            raise ValidationError(
                {"changes": ["更正须给出修改内容 / a correction needs changes"]}
            )
        return attrs


class CurationMixin:
    """The ``curate`` action of a fact viewset (any model built on ``Fact``)."""

    @extend_schema(
        summary="Curate this fact (curators only)",
        description="Confirm, correct or reject the fact. Needs a token or "
        "session of a user with the fact's change permission (the curator group); "
        "returns the fact as it now reads.",
        request=CurationRequestSerializer,
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanCurate],
        filter_backends=[],
        pagination_class=None,
    )
    def curate(self, request, pk=None):
        # The list queryset hides rejected facts and defers columns; a
        # curation may reverse a rejection and saves the whole row.
        model = self.get_queryset().model
        fact = get_object_or_404(model.objects.select_related("document"), pk=pk)
        self.check_object_permissions(request, fact)
        incoming = CurationRequestSerializer(
            data=request.data, context={"model": model}
        )
        incoming.is_valid(raise_exception=True)
        curate(
            fact,
            incoming.validated_data["action"],
            changes=incoming.validated_data["changes"],
            reason=incoming.validated_data["reason"],
            author=request.user,
            source="api",
        )
        fact = model.objects.select_related("document").get(pk=fact.pk)
        return Response(self.get_serializer(fact).data)
