from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from documents.apikit.viewsets import ExportableReadOnlyViewSet

from .filters import CrossReferenceFilter, DocumentFilter, ProvisionFilter, ThemeFilter
from .models import CrossReference, Document, Provision, Theme
from .serializers import (
    CrossReferenceSerializer,
    DocumentSerializer,
    DocumentTreeSerializer,
    ProvisionSerializer,
    ThemeSerializer,
)


@extend_schema(tags=["documents"])
class DocumentViewSet(ExportableReadOnlyViewSet):
    """Policy documents (政策文件)."""

    queryset = Document.objects.without_texts().with_parts()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    lookup_field = "key"
    ordering_fields = ["issued_on", "key", "title", "doc_type"]

    @extend_schema(
        summary="Provision tree of one document",
        description="Every provision of the document, nested: top-level "
        "provisions with their children, in document order.",
        responses=DocumentTreeSerializer,
        filters=False,
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def tree(self, request, key=None):
        document = self.get_object()
        provisions = Provision.objects.in_document(document).with_themes().tree()
        serializer = DocumentTreeSerializer(
            {"document": document, "provisions": provisions},
            context=self.get_serializer_context(),
        )
        return Response(serializer.data)


@extend_schema(tags=["provisions"])
class ProvisionViewSet(ExportableReadOnlyViewSet):
    """Provisions (条款): chapters, articles, items … of every document."""

    queryset = (
        Provision.objects.defer("search_text").with_document_name().with_themes()
    )
    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter
    ordering_fields = ["position", "document", "depth", "id"]


@extend_schema(tags=["themes"])
class ThemeViewSet(ExportableReadOnlyViewSet):
    """Themes (主题) assigned to provisions."""

    queryset = Theme.objects.select_related("parent")
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    lookup_field = "slug"
    ordering_fields = ["position", "slug", "name"]


@extend_schema(tags=["cross-references"])
class CrossReferenceViewSet(ExportableReadOnlyViewSet):
    """Citations (引用) of other documents found in the texts."""

    queryset = CrossReference.objects.with_document_name("document", "target")
    serializer_class = CrossReferenceSerializer
    filterset_class = CrossReferenceFilter
    ordering_fields = ["document", "start", "title"]
