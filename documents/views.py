from django.shortcuts import get_object_or_404, render

from .models import Document, Provision, Theme


def home(request):
    documents = Document.objects.order_by("issued_on", "key")
    themes = Theme.objects.filter(parent=None).prefetch_related("children")
    return render(request, "home.html", {"documents": documents, "themes": themes})


def document_page(request, key):
    document = get_object_or_404(Document, key=key)
    provisions = Provision.objects.in_document(document).order_by("position")
    return render(
        request, "documents/document.html", {"document": document, "provisions": provisions}
    )


def provision_page(request, key, provision_key):
    provision = get_object_or_404(
        Provision.objects.with_path(), document__key=key, key=provision_key
    )
    return render(request, "documents/provision.html", {"provision": provision})


def theme_page(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    provisions = theme.provisions.select_related("document").order_by(
        "document__issued_on", "position"
    )
    return render(request, "documents/theme.html", {"theme": theme, "provisions": provisions})
