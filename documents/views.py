"""The site's document pages: home, reader, provision, themes, compare, and
the download of a document's original file.

Also ``FilteredListView``, the base of every filterable table on the site
(measures and targets build on it): one FilterSet per resource, shared with
the API, plus whitelisted sorting, pagination and CSV export of the filtered
rows.

This app imports neither ``measures`` nor ``targets``: the facts shown in the
reader are reached through the reverse relations every ``Fact`` declares
(``targets``, ``figures``, ``subsidies``).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q
from django.forms import HiddenInput, MultiWidget
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from .apikit.spreadsheets import write_csv
from .models import Document, OriginalFile, Provision, Theme
from .reader import link_tree, reader_page

# Provisions per page of a theme.
THEME_PAGE_SIZE = 100


@require_safe
def home(request):
    documents = Document.objects.without_texts().order_by(
        F("issued_on").asc(nulls_last=True), "key"
    )
    themes = Theme.objects.filter(parent=None).prefetch_related("children")
    counts = [("条款", Provision.objects.count())]
    for name, label in (("targets", "目标"), ("figures", "统计数据"), ("subsidies", "资助规则")):
        model = Provision._meta.get_field(name).related_model
        counts.append((label, model.objects.visible().count()))
    return render(
        request,
        "home.html",
        {"documents": documents, "themes": themes, "headline_counts": counts},
    )


@require_safe
def document_page(request, key):
    """The reader, a page of provisions at a time (``documents.reader``):
    ``?page=<n>``, or ``?at=<provision key>`` for the page holding it."""
    document = get_object_or_404(
        Document.objects.without_texts().annotate(
            issues=Exists(Document.objects.filter(part_of=OuterRef("pk")))
        ),
        key=key,
    )
    reader = reader_page(
        Provision.objects.in_document(document).outline(),
        page=request.GET.get("page"),
        at=request.GET.get("at"),
    )
    provisions = []
    if reader.position_range:
        provisions = link_tree(
            document,
            list(
                Provision.objects.in_document(document)
                .filter(position__range=reader.position_range)
                .defer("search_text", "cells")
                .order_by("position")
                .with_facts(themes=True)
            ),
            reader,
        )
    # A page that starts inside a chapter names it.
    continued = provisions[0].ancestors() if reader.page.number > 1 and provisions else []
    return render(
        request,
        "documents/document.html",
        {
            "document": document,
            "provisions": provisions,
            "toc": reader.toc,
            "page_obj": reader.page,
            "continued": " › ".join(p.short_name for p in continued),
            "validity_at": validity_at(document),
            # The notice that issues it, or the policies it issues (one file).
            "notice": (
                Document.objects.without_texts().filter(pk=document.part_of_id).first()
                if document.part_of_id
                else None
            ),
            "parts": (
                list(document.parts.without_texts().order_by("part_number"))
                if document.issues
                else []
            ),
        },
    )


def validity_at(document):
    """The key of the provision printing the document's validity sentence."""
    if document.validity_start is None:
        return None
    return (
        Provision.objects.in_document(document)
        .holding(document.validity_start, document.validity_end)
        .values_list("key", flat=True)
        .first()
    )


@require_safe
def original_file(request, sha256):
    """The original file, as it arrived, under the name it arrived with.
    Always an attachment: an uploaded web page must never run as a page of
    this site."""
    original = get_object_or_404(OriginalFile, sha256=sha256)
    try:
        stream = original.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("原始文件不在存储中 / the original file is not in storage") from None
    return FileResponse(
        stream,
        as_attachment=True,
        filename=original.name,
        content_type="application/octet-stream",
    )


@require_safe
def provision_page(request, key, provision_key):
    provision = get_object_or_404(
        Provision.objects.with_path().with_document_name().with_themes().with_facts(),
        document__key=key,
        key=provision_key,
    )
    theme_ids = [t.pk for t in provision.themes.all()]
    # Provisions of the other documents ranked by how many themes they share.
    related = (
        Provision.objects.filter(themes__in=theme_ids)
        .exclude(document_id=provision.document_id)
        .annotate(shared=Count("themes"))
        .select_related("document")
        .only("key", "label", "heading", "text", "document__key", "document__title",
              "document__subject", "document__source_name", "document__issued_on")
        .order_by("-shared", F("document__issued_on").asc(nulls_last=True), "position")[:10]
    )
    return render(
        request,
        "documents/provision.html",
        {"provision": provision, "document": provision.document, "related": related},
    )


@require_safe
def theme_list(request):
    themes = list(Theme.objects.all())
    documents = list(
        Document.objects.without_texts().order_by(F("issued_on").asc(nulls_last=True), "key")
    )
    # One grouped query for the whole theme × document table.
    cells = (
        Provision.themes.through.objects.values("theme_id", "provision__document_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(c["theme_id"], c["provision__document_id"]): c["n"] for c in cells}
    children = {}
    for theme in themes:
        theme.per_document = [counts.get((theme.pk, d.pk), 0) for d in documents]
        theme.total = sum(theme.per_document)
        children.setdefault(theme.parent_id, []).append(theme)
    for theme in themes:
        theme.subthemes = children.get(theme.pk, [])
    return render(
        request,
        "documents/theme_list.html",
        {"roots": children.get(None, []), "documents": documents},
    )


@require_safe
def theme_page(request, slug):
    theme = get_object_or_404(
        Theme.objects.select_related("parent").prefetch_related("children"), slug=slug
    )
    provisions = (
        theme.provisions.with_path()
        .with_document_name()
        .defer("search_text")
        .order_by(F("document__issued_on").asc(nulls_last=True), "document__key", "position")
        .with_facts()
    )
    # A theme of a large corpus holds thousands of provisions: a page at a time.
    paginator = Paginator(provisions, THEME_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "documents/theme.html",
        {
            "theme": theme,
            "provisions": list(page_obj.object_list),
            "page_obj": page_obj,
            "paginator": paginator,
            "is_paginated": page_obj.has_other_pages(),
            "indicators": theme.indicators(),
        },
    )


@require_safe
def compare(request):
    """``/compare/?theme=<slug>&documents=a,b``: one theme, documents side by side.

    ``documents`` may be comma-separated (a bookmark) or repeated (the form's
    checkboxes); without it every document with provisions on the theme is shown.
    """
    themes = Theme.objects.all()
    theme = None
    columns = []
    all_documents = list(
        Document.objects.without_texts().order_by(F("issued_on").asc(nulls_last=True), "key")
    )
    wanted = [
        k for v in request.GET.getlist("documents") for k in v.split(",") if k.strip()
    ]
    slug = request.GET.get("theme")
    if slug:
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404("没有这个主题 / no such theme")
        provisions = list(
            Provision.objects.filter(Q(themes=theme) | Q(themes__parent=theme))
            .distinct()
            .with_path()
            .with_document_name()
            .defer("search_text")
            .order_by("document_id", "position")
            .with_facts()
        )
        by_document = {}
        for p in provisions:
            by_document.setdefault(p.document_id, []).append(p)
        for document in all_documents:
            if (wanted and document.key not in wanted) or (
                not wanted and document.pk not in by_document
            ):
                continue
            rows = by_document.get(document.pk, [])
            for p in rows:
                p.document = document
            columns.append({"document": document, "provisions": rows})
    return render(
        request,
        "documents/compare.html",
        {
            "themes": themes,
            "theme": theme,
            "columns": columns,
            "all_documents": all_documents,
            "selected": set(wanted) or {c["document"].key for c in columns},
        },
    )


# "amount_max__gte" and "amount_max__lte" share one label in the FilterSet.
BOUND_LABELS = {"gte": "（不低于）", "lte": "（不高于）"}


class FilteredListView(FilterView):
    """A table with the resource's FilterSet, sorting, pagination and CSV.

    Subclasses set ``filterset_class``, ``queryset``, ``sort_fields``
    (``?sort=`` value → ORM ordering), ``form_fields`` (filters shown in the
    form; the rest still filter from the URL, as hidden inputs) and
    ``csv_columns`` (header → function of a row).
    """

    paginate_by = 50
    # Read-only pages: anything but GET/HEAD gets 405, not a page.
    http_method_names = ["get", "head", "options"]
    sort_fields = {}
    default_sort = None
    form_fields = ()
    csv_columns = ()
    csv_name = "export"
    title = ""

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        for name, field in filterset.form.fields.items():
            # The FilterSets label for the API ("支持对象 / Beneficiary
            # contains this text"); the site shows the Chinese half.
            field.label = str(field.label or name).split(" / ")[0] + BOUND_LABELS.get(
                name.rpartition("__")[2], ""
            )
            if self.form_fields and name not in self.form_fields:
                # A hidden input never renders the choices, so a filter on
                # a long list (every provision) costs nothing until used.
                field.widget = HiddenInput()
            elif isinstance(field.widget, MultiWidget):
                # Range filters render two inputs under one <label>; name
                # each so that screen readers (and axe) can tell them apart.
                for widget, bound in zip(field.widget.widgets, ("最小", "最大"), strict=True):
                    widget.attrs["aria-label"] = f"{field.label}（{bound}）"
        return filterset

    def current_sort(self):
        sort = self.request.GET.get("sort", "")
        return sort if sort.lstrip("-") in self.sort_fields else self.default_sort

    def get_queryset(self):
        queryset = super().get_queryset()
        sort = self.current_sort()
        if sort:
            field = self.sort_fields[sort.lstrip("-")]
            expr = F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
            queryset = queryset.order_by(expr, "pk")
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort"] = self.current_sort() or ""
        context["title"] = self.title
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "csv":
            return self.csv_response(self.object_list)
        return super().render_to_response(context, **kwargs)

    def csv_response(self, rows):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="{self.csv_name}-{stamp}.csv"'
        )
        write_csv(
            response,
            [header for header, _ in self.csv_columns],
            ([value(row) for _, value in self.csv_columns] for row in rows),
        )
        return response
