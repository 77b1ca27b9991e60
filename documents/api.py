from rest_framework import viewsets

from .filters import DocumentFilter, ProvisionFilter, ThemeFilter
from .models import Document, Provision, Theme
from .serializers import DocumentSerializer, ProvisionSerializer, ThemeSerializer


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    lookup_field = "key"
    ordering_fields = ["issued_on", "key", "title"]


class ProvisionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Provision.objects.select_related("document").prefetch_related("themes")
    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter
    ordering_fields = ["position", "document"]


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Theme.objects.select_related("parent")
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    lookup_field = "slug"
