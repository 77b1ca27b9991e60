"""The base every resource's viewset builds on: read-only, filterable, and
exportable as a file."""

from rest_framework import viewsets
from rest_framework.filters import OrderingFilter

from .filtering import FilterBackend

# An explicit ?format=csv / ?format=json on a list means "download this
# filtered list": the whole of it, not one page, as an attachment.
EXPORT_FORMATS = {"csv", "json"}


class ExportableReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [FilterBackend, OrderingFilter]

    def is_export(self):
        return (
            self.action == "list"
            and self.request.query_params.get("format") in EXPORT_FORMATS
        )

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
