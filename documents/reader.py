"""The reader's pages: a long document is read a page of provisions at a time.

A page is a run of ``PROVISIONS_PER_PAGE`` provisions in text order, so a
page costs the same whatever the document's length.  The document's outline
(``Provision.objects.outline()``: every provision's key, name, kind and depth,
no text) is read whole: it is small, and it gives the pages, the contents
and the page that holds a given provision (``?at=<provision key>``), and it
names the chapters a page starts inside.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from .models import Provision

# Enough for every document seen so far to fit on one page; a page of this
# many provisions is some 500 kB of HTML.
PROVISIONS_PER_PAGE = 500

# Kinds that make up the reader's table of contents.
TOC_KINDS = {
    Provision.Kind.VOLUME,
    Provision.Kind.CHAPTER,
    Provision.Kind.SECTION,
    Provision.Kind.PART,
    Provision.Kind.ARTICLE,
    Provision.Kind.NUMBERED_SECTION,
    Provision.Kind.BOX,
}


@dataclass
class ReaderPage:
    """One page of a document's reader."""

    page: Page
    # The rows of the outline on this page, and every row by id.
    rows: list = field(default_factory=list)
    by_id: dict = field(default_factory=dict)
    toc: list = field(default_factory=list)

    @property
    def position_range(self):
        """First and last ``position`` on the page (None: no provisions)."""
        if not self.rows:
            return None
        return self.rows[0]["position"], self.rows[-1]["position"]

    def stub(self, provision_id):
        """A text-less Provision from the outline: enough for its name in a
        path (``short_name``) when the page starts inside it."""
        row = self.by_id[provision_id]
        return Provision(
            id=row["id"],
            parent_id=row["parent_id"],
            key=row["key"],
            label=row["label"],
            heading=row["heading"],
            kind=row["kind"],
            depth=row["depth"],
        )


def reader_page(outline, page=None, at=None, per_page=None):
    """The page ``page`` (a number as typed; a bad one reads as the first
    or last page) of a document whose outline is ``outline``, or without
    ``page`` the one holding the provision keyed ``at``; with ``toc``, the
    contents to show beside it: the outermost headings of the whole document
    and every heading on this page, each linked to the page it is on."""
    per_page = per_page or PROVISIONS_PER_PAGE
    outline = list(outline)
    paginator = Paginator(outline, per_page)
    if page is None and at:
        index = next((i for i, row in enumerate(outline) if row["key"] == at), 0)
        page = index // per_page + 1
    current = paginator.get_page(page)
    start = current.start_index() - 1 if outline else 0
    rows = outline[start : start + per_page] if outline else []
    result = ReaderPage(page=current, rows=rows, by_id={row["id"]: row for row in outline})
    headings = [(i, row) for i, row in enumerate(outline) if row["kind"] in TOC_KINDS]
    top = min((row["depth"] for _, row in headings), default=0)
    for i, row in headings:
        number = i // per_page + 1
        if number == current.number:
            href = f"#{row['key']}"
        elif row["depth"] == top:
            href = f"?page={number}#{row['key']}"
        else:
            continue
        result.toc.append({**row, "href": href})
    return result


def link_tree(document, provisions, reader=None):
    """Cache each provision's document and parent, so ``path_display`` and
    ``get_absolute_url`` cost no query per provision: parents from the list
    itself or, for a page that starts inside a chapter, text-less stand-ins
    from the reader page's outline."""
    by_id = {p.pk: p for p in provisions}
    for p in provisions:
        p.document = document
    pending = list(provisions)
    while pending:
        node = pending.pop()
        if not node.parent_id:
            continue
        parent = by_id.get(node.parent_id)
        if parent is None and reader is not None and node.parent_id in reader.by_id:
            parent = by_id[node.parent_id] = reader.stub(node.parent_id)
            pending.append(parent)  # a stand-in needs its own parent too
        if parent is not None:
            node.parent = parent
    return provisions
