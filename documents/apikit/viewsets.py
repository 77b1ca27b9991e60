"""The base every resource's viewset builds on: read-only, filterable,
exportable as a file, and cached for anonymous clients."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import viewsets
from rest_framework.response import Response

from .caching import ResponseCacheMixin
from .filtering import FilterBackend, StrictOrderingFilter
from .serialization import ValuesPlan

# An explicit ?format=csv / ?format=json on a list means "download this
# filtered list": the whole of it, not one page, as an attachment.
EXPORT_FORMATS = {"csv", "json"}


class ExportableReadOnlyViewSet(ResponseCacheMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [FilterBackend, StrictOrderingFilter]
    # Lists and details read rows with values_list() when the serializer
    # allows it (see serialization.py); False forces DRF's own path, which
    # the tests compare against.
    values_lists = True

    def is_export(self):
        return (
            self.action == "list"
            and self.request.query_params.get("format") in EXPORT_FORMATS
        )

    def values_plan(self):
        """How this viewset's serializer reads rows with values_list(), or
        None when it has a field that needs the model instance."""
        return self.values_lists and ValuesPlan.for_serializer(self.get_serializer_class())

    def list(self, request, *args, **kwargs):
        plan = self.values_plan()
        if not plan:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(plan.values(queryset))
        if page is not None:
            return self.get_paginated_response(plan.rows(page, queryset))
        return Response(plan.rows(plan.values(queryset), queryset))

    def retrieve(self, request, *args, **kwargs):
        plan = self.values_plan()
        if not plan:
            return super().retrieve(request, *args, **kwargs)
        # get_object() without the model instance: the same filtered
        # queryset and lookup, a 404 for a lookup value the column cannot
        # hold, as get_object_or_404 gives.  Reads need no object permission.
        queryset = self.filter_queryset(self.get_queryset())
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            values = list(
                plan.values(queryset.filter(**{self.lookup_field: lookup})[:2])
            )
        except (TypeError, ValueError, DjangoValidationError):
            raise Http404 from None
        if len(values) != 1:
            # Django's get_object_or_404 message, which the error body quotes.
            raise Http404(
                f"No {queryset.model._meta.object_name} matches the given query."
            )
        return Response(plan.rows(values, queryset)[0])

    def paginate_queryset(self, queryset):
        if self.is_export():
            return None
        return super().paginate_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.is_export() and response.status_code == 200:
            extension = request.query_params["format"]
            name = self.basename.replace("-", "_")
            response["Content-Disposition"] = (
                f'attachment; filename="policybase_{name}.{extension}"'
            )
        return response
