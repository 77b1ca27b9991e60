"""Stage 3, structure: reads ``NormalisedText``, writes the provision tree.

Each normalised line is one paragraph.  Heading paragraphs (headings.py)
become nodes; other paragraphs become "paragraph" children of the nearest
heading.  Nesting is learned per document from the order in which kinds first
appear, the way legal-document parsers do it: a kind seen for the first time
nests under the current node, a kind seen before pops back to its level
("（二）" after "1." pops the item, "三、" pops both).  Only the legal-style
outline 编 > 章 > 节 > 条 and the outline 一、 > （一） > 1. > (1) have a fixed
relative order, so that a 第一节 first met after some 第X条 still goes above
them.

Around the body: text before the first heading is "preamble" (addressees,
forwarding notice, 文号), except a standalone title line ("title") and
signature blocks ("signature": an issuer line and/or a date line).  The
entries of a table of contents ("二、发展思路与目标|6") are text, not headings.  A
notice that issues a policy without an 附件 label (001: the forwarding notice,
its signature, then the plan's title and its 一、二、…) holds that policy as an
attachment without a label: the policy's title is its heading and the
policy's own outline its children, as under a labelled 附件; a notice that
issues two (安徽 工业互联网: 若干政策 and 行动计划) holds two.  A
closing paragraph of a reply ("下一步，…") after the last heading goes back to
the root.  In documents that print bold lead sentences -- most of 004's body
paragraphs open with one, "汽车产业技术。围绕…" -- a paragraph's lead
sentence becomes its heading (leads.py, as inline article titles do).  Tables (004's target table, a web page's
TAB-separated allocation table; tables.py reads their rows) become a
"table" node with one "table_row" child per row.

Every node satisfies ``text == normalised.text[text_start:text_end]``; its
label is read back from the raw text, so it is printed as in the source
("（十五）", "专栏１", "第三章").
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.parsing import lines as line_grammar
from documents.parsing.groups import CLAUSE_PUNCTUATION, unlabelled_group_titles
from documents.parsing.headings import (
    HEADING_RULES,
    HeadingMatch,
    HeadingMatcher,
    contents_lines,
    table_value_columns,
)
from documents.parsing.leads import apply_article_titles, apply_paragraph_leads
from documents.parsing.tables import Cells, Table
from documents.parsing.types import NormalisedText, ParsedProvision

# Relative depth inside the two families of numbered outlines.  Kinds outside
# these families (box, bullet, table…) nest purely by order of appearance.
CANONICAL_DEPTH = {
    "volume": ("legal", 0),
    "chapter": ("legal", 1),
    "section": ("legal", 2),
    "article": ("legal", 3),
    "part": ("outline", 0),
    "numbered_section": ("outline", 1),
    "item": ("outline", 2),
    "subitem": ("outline", 3),
}

# Boxes and tables are inserts set between the paragraphs of a chapter or
# section: they never belong to the list entry printed just before them
# (a plan's "专栏１" after its items "１．…", "２．…", "３．…").
INSERT_KINDS = frozenset({"box", "table"})
LIST_ENTRY_KINDS = frozenset({"item", "subitem", "bullet", "box_item", "table_row"})

# A reply closes with "下一步，省科技厅将…" (002) or a thanks/"此复" formula;
# after the last heading such a paragraph belongs to the whole document.
CLOSING_OPENERS = (
    "下一步",
    "此复",
    "特此答复",
    "专此答复",
    "特此通知",
    "感谢您",
    "感谢你",
)

# A lost chapter label leaves a title like "组织实施", "法律责任" or
# "科技人才培养与引进": short, never punctuated as a sentence or clause is.
UNLABELLED_CHAPTER_MAX_CHARS = 16
# A table caption is a short line without final punctuation right above the
# header row ("“十四五”时期全省科技发展目标").
CAPTION_MAX_CHARS = 40
SENTENCE_END = "。！？；："


@dataclass
class _Paragraph:
    start: int
    end: int
    text: str


def paragraphs_of(text: str) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    start = 0
    for line in text.split("\n"):
        if line:
            out.append(_Paragraph(start, start + len(line), line))
        start += len(line) + 1
    return out


class _TreeBuilder:
    def __init__(self, normalised: NormalisedText) -> None:
        self.normalised = normalised
        self.matcher = HeadingMatcher()
        self.roots: list[ParsedProvision] = []
        self.stack: list[ParsedProvision] = []
        self.levels: dict[str, int] = {}
        self.table: Table | None = None
        self.cells = Cells(normalised)
        self.front_matter = True  # no heading seen yet (or a new title)
        self.body_paragraphs: list[ParsedProvision] = []
        self.single_sentence: list[ParsedProvision] = []
        self.kinds_seen: set[str] = set()  # heading kinds anywhere in the text
        self.previous: _Paragraph | None = None
        self.signed = False  # a signature block closed the main text
        self.attachment: ParsedProvision | None = None  # the open attachment
        # The open document a notice issues without an 附件 label, and the lines printing their titles.
        self.issued: ParsedProvision | None = None
        self.issued_starts: dict[int, str] = {}
        self.promulgated = False  # an order (令) heads the text
        # Numbers of the 附件 labels a text without a signature lists before
        # printing its attachments, and where an attachment's title line ends.
        self.listed_attachments: list[int] = []
        self.attachment_title_end = -1
        # Where an 附件 label may stand to end the text with a title under it
        # (the copy stops at the attachment's first line): its last two lines.
        self.ending_labels: set[int] = set()
        self.attachment_part = 0  # the open attachment's part ("附件4-1": 1)

    # -- the walk ----------------------------------------------------------------

    def build(self) -> list[ParsedProvision]:
        paragraphs = paragraphs_of(self.normalised.text)
        contents = contents_lines([p.text for p in paragraphs])
        last_heading = max(
            (k for k, p in enumerate(paragraphs) if k not in contents and self._peek_heading(p)),
            default=-1,
        )
        self.matcher = HeadingMatcher()  # _peek_heading used a throwaway state
        texts = [p.text for p in paragraphs]
        first_heading = next(
            (k for k, text in enumerate(texts) if HeadingMatcher().match(text)), len(texts)
        )
        # An order (令) above the rule it promulgates is no notice: the rule is the text.
        self.promulgated = line_grammar.order_head(texts[:first_heading]) is not None
        if not self.promulgated:
            self.issued_starts = line_grammar.issued_documents(texts, texts[:first_heading])
        group_titles = unlabelled_group_titles(texts, contents)
        if paragraphs:
            self.ending_labels = {paragraphs[-1].start}
            if len(paragraphs) > 1 and _title_like(texts[-1]):
                self.ending_labels.add(paragraphs[-2].start)
        caption: _Paragraph | None = None
        for k, para in enumerate(paragraphs):
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            self.previous = paragraphs[k - 1] if k else None
            if self.table is not None and self._table_row(para):
                continue
            self._close_table()
            if self._attachment(para):
                continue
            titled = self._attachment_title(para)
            if not titled and k in self.issued_starts and self._open_issued(para, self.issued_starts[k]):
                continue
            if k in group_titles:
                self._group(para)
                continue
            if k in contents:
                # A table of contents: text, whatever its entries look like.
                kind = "preamble" if self.front_matter else "paragraph"
                node = self._node(kind, para, para.start)
                if self.front_matter:
                    self.roots.append(node)
                else:
                    self._attach(node)
                continue
            columns = table_value_columns(self._cell_texts(para))
            if columns:
                self._open_table(para, columns, caption)
                caption = None
                continue
            if nxt is not None and _is_caption(para, self._cell_texts(nxt)):
                caption = para
                continue
            match = self.matcher.match(para.text)
            if match is not None:
                self.matcher.accept(match)
                self._heading(para, match)
            else:
                self.matcher.plain_paragraph()
                self._plain(para, nxt, after_last_heading=k > last_heading)
        apply_paragraph_leads(self.body_paragraphs)
        apply_article_titles(self.roots)
        for node in self.single_sentence:
            # 001 "（一）基本原则。" has its "---" principles under it, so it is a
            # heading; 条例 "（一）自行投资实施转化；" is only an enumerated clause.
            if not node.children:
                node.heading = ""
        return self.roots

    def _peek_heading(self, para: _Paragraph) -> bool:
        match = self.matcher.match(para.text)
        if match is None:
            self.matcher.plain_paragraph()
            return False
        self.matcher.accept(match)
        self.kinds_seen.add(match.kind)
        return True

    # -- headings ------------------------------------------------------------------

    def _heading(self, para: _Paragraph, match: HeadingMatch) -> None:
        self.front_matter = False
        text_start = para.start + match.label_end
        node = self._node(
            match.kind,
            para,
            text_start,
            heading=match.heading,
            number=match.number,
            label=self.normalised.raw_slice(para.start, text_start),
        )
        if match.single_sentence and match.heading:
            self.single_sentence.append(node)
        self._close_box_if_closed()
        self._place(node)
        self.stack.append(node)

    def _place(self, node: ParsedProvision) -> None:
        """Attach ``node`` at its learned level and leave the stack above it."""
        kind = node.kind
        if kind in INSERT_KINDS:
            while self.stack and self.stack[-1].kind in LIST_ENTRY_KINDS:
                self.stack.pop()
        if kind in self.levels:
            while self.stack and self.levels[self.stack[-1].kind] >= self.levels[kind]:
                self.stack.pop()
        else:
            # A regulation's first 第一节 may come after 第X条 were seen in an
            # earlier chapter: the section goes above the articles, which move
            # one level down.
            depth = len(self.stack)
            deeper = [
                level
                for other, level in self.levels.items()
                if _canonically_deeper(other, kind)
            ] + [
                i
                for i, open_node in enumerate(self.stack)
                if _canonically_deeper(open_node.kind, kind)
            ]
            if deeper and min(deeper) <= depth:
                depth = min(deeper)
                del self.stack[depth:]
                for other, level in self.levels.items():
                    if level >= depth:
                        self.levels[other] = level + 1
            self.levels[kind] = depth
        self._attach(node)

    def _attach(self, node: ParsedProvision) -> None:
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.roots.append(node)

    def _close_box_if_closed(self) -> None:
        # The matcher closes a 专栏 box at the first non-item paragraph.
        if self.matcher.box_open:
            return
        for i, open_node in enumerate(self.stack):
            if open_node.kind == "box":
                del self.stack[i:]
                return

    # -- attachments -----------------------------------------------------------------

    def _attachment(self, para: _Paragraph) -> bool:
        """Open an attachment at "附件" / "附件N" after the signature (or after
        the previous attachment, numbered one less): its headings are its own
        outline, nested under it, not the notice's."""
        m = line_grammar.attachment_label(para.text)
        if m is None:
            return False
        number = int(m.group("num")) if m.group("num") else None
        sub = int(m.group("sub")) if m.group("sub") else None
        previous = self.attachment
        # the next number (附件5 after 附件4-2), or the next part of the same
        # attachment (附件4-2 after 附件4-1)
        follows = previous is not None and number is not None and (
            (number == (previous.number or 0) + 1 and sub in (None, 1))
            or (sub is not None and number == previous.number and sub == self.attachment_part + 1)
        )
        # An issued document's own 附件 come after its text, which no
        # signature closes (the notice's signature stands above it).
        own = self.issued is not None and previous is self.issued
        # A text without a signature lists its attachments ("附件1.封面模板",
        # "附件2.目录模板", …; "附件：典型场景") and then prints them, numbered
        # from 1 again (or not numbered, as it named its one attachment).
        again = previous is None and (number or 1) == 1 and 1 in self.listed_attachments
        # A text without a signature ends on when it takes effect ("第三十五条
        # 本细则自2017年9月1日起施行。"): an 附件 right after that is its own.
        in_force = (
            previous is None
            and self.previous is not None
            and line_grammar.states_entry_into_force(self.previous.text)
        )
        # A text without a signature whose copy stops at its first
        # attachment's label and title ("附件1" / "…补贴资金申请表").
        at_end = previous is None and number in (None, 1) and para.start in self.ending_labels
        if not (self.signed or follows or own or again or in_force or at_end):
            if number is not None:
                self.listed_attachments.append(number)
            elif line_grammar.lists_attachments(m.group("title") or "") or (
                m.group("title") and not self.listed_attachments
            ):
                # "附件：1.封面" / "2.…申请表"; "附件：典型场景" names the one
                self.listed_attachments.append(1)
            return False
        self.attachment_part = sub or 0
        label_end = para.start + m.end("label")
        title = m.group("title")
        if title.endswith(("：", ":")):
            # "附件1　　申报编号：": a field of the attachment's first page,
            # its title is printed below.
            title = ""
        text_start = para.start + m.start("title") if m.group("title") else para.end
        node = self._node(
            "attachment",
            para,
            text_start,
            heading=title,
            number=number,
            label=self.normalised.raw_slice(para.start, label_end),
        )
        if self.issued is not None and not self.signed:
            # An attachment of the issued document, nested under it.
            self.issued.children.append(node)
            self.stack = [self.issued, node]
            self.levels = {"attachment": 1}
        else:
            self.issued = None
            self.stack = [node]
            self.roots.append(node)
            self.levels = {"attachment": 0}
        self._enter(node)
        return True

    def _attachment_title(self, para: _Paragraph) -> bool:
        """The line under a bare "附件" label is the attachment's title; a
        title printed over two lines goes on in the line right below it (no
        blank line between, no cells in it): "2017年度专利质押融资贴息" /
        "申报材料"."""
        node = self.attachment
        if node is None or not node.label or not _title_like(para.text):
            return False
        if not node.heading and not node.children:
            node.heading = para.text
            self.attachment_title_end = para.end
            return True
        joined = node.heading + para.text
        if (
            node.heading
            and HeadingMatcher().match(para.text) is None  # "一、企业基本情况" opens it
            and self.attachment_title_end == (self.previous.end if self.previous else -1)
            and len(joined) <= line_grammar.TITLE_MAX_CHARS
            and self._raw_gap(self.previous, para) == "\n"
            # a table's first row ("单位名称<TAB>") keeps its cell breaks
            and not any(ch.isspace() for ch in self._raw_line(para).strip(" \u3000\r"))
        ):
            node.heading = joined
            self.attachment_title_end = para.end
            return True
        return False

    def _raw_gap(self, before: _Paragraph, after: _Paragraph) -> str:
        """The raw text between two paragraphs (the line break(s) and blanks)."""
        offsets = self.normalised.raw_offsets
        return self.normalised.raw[offsets[before.end - 1] + 1 : offsets[after.start]].strip(" \t\u3000")

    def _raw_line(self, para: _Paragraph) -> str:
        """The raw line(s) ``para`` was read from, with their whitespace."""
        raw, offsets = self.normalised.raw, self.normalised.raw_offsets
        start = raw.rfind("\n", 0, offsets[para.start]) + 1
        end = raw.find("\n", offsets[para.end - 1])
        return raw[start : end if end >= 0 else len(raw)]

    def _open_issued(self, para: _Paragraph, heading: str | None = None) -> bool:
        """Open a document the notice issues without an 附件 label at the line
        printing its ``heading`` (an attachment without a label, its children
        the document's outline), not inside a labelled attachment."""
        if heading == "":  # a later line of a title printed over several
            return self.issued is not None and self.attachment is self.issued
        if self.attachment is not None and self.attachment is not self.issued:
            return False
        node = self._node("attachment", para, para.start, heading=heading or para.text)
        self.stack = [node]
        self.roots.append(node)
        self.levels = {"attachment": 0}
        self._enter(node)
        self.issued = node
        return True

    def _enter(self, node) -> None:
        """Read on inside the attachment ``node``: its own outline, after
        no front matter or signature."""
        self.matcher = HeadingMatcher()
        self.front_matter = False
        self.signed = False
        self.attachment = node

    # -- plain paragraphs ----------------------------------------------------------

    def _plain(
        self, para: _Paragraph, nxt: _Paragraph | None, *, after_last_heading: bool
    ) -> None:
        self._close_box_if_closed()
        text = para.text
        is_date = line_grammar.parse_date_line(text) is not None
        issuer = (
            nxt is not None
            and line_grammar.is_org_name(text)
            and line_grammar.parse_date_line(nxt.text) is not None
        )
        if is_date or issuer:
            self.stack.clear()
            self.roots.append(self._node("signature", para, para.start))
            self.signed = self.signed or is_date
            return
        previous = self.roots[-1] if self.roots else None
        if previous is not None and previous.kind == "signature" and line_grammar.is_publication_note(text):
            # "（此件公开发布）" under the date closes the signature block
            self.roots.append(self._node("signature", para, para.start))
            return
        if (
            line_grammar.is_title_line(text)
            and previous is not None
            and previous.kind == "signature"
            and not self.promulgated
            and self._open_issued(para)
        ):
            # A title right after a notice's signature: the notice issues the
            # document that starts here, even where it does not name it.
            return
        if line_grammar.is_title_line(text) and self.front_matter:
            self.stack.clear()
            self.roots.append(self._node("title", para, para.start, heading=text))
            return
        if self.front_matter:
            self.roots.append(self._node("preamble", para, para.start))
            return
        if self._unlabelled_chapter(para, nxt):
            # inside a chapter with sections, the lost label is a section's
            # ("市场培育" after 第四章's 第一节 and its articles)
            kind = "section" if any(n.kind == "section" for n in self.stack) else "chapter"
            node = self._node(kind, para, para.start, heading=text)
            self.matcher.lost_label(kind)
            self._place(node)
            self.stack.append(node)
            return
        node = self._node("paragraph", para, para.start)
        if after_last_heading and text.startswith(CLOSING_OPENERS):
            self.stack.clear()
        else:
            self.body_paragraphs.append(node)
        self._attach(node)

    def _group(self, para: _Paragraph) -> None:
        """Open an unlabelled group of the outline (groups.py) over its 一、."""
        self.front_matter = False
        node = self._node("volume", para, para.start, heading=para.text)
        self._place(node)
        self.stack.append(node)

    def _unlabelled_chapter(self, para: _Paragraph, nxt: _Paragraph | None) -> bool:
        """A chapter title whose 第X章 was lost in the copy ("组织实施" alone
        between 第七条 and 第八条 of a regulation with chapters): a short line
        without punctuation or label, after an article's last sentence and
        before the next article."""
        text = para.text
        return (
            "chapter" in self.kinds_seen
            and len(text) <= UNLABELLED_CHAPTER_MAX_CHARS
            and not any(ch in text for ch in CLAUSE_PUNCTUATION)
            and not any(rule.pattern.match(text) for rule in HEADING_RULES)
            and any(node.kind == "article" for node in self.stack)
            and self.previous is not None
            and self.previous.text.endswith("。")
            and nxt is not None
            and (match := HeadingMatcher().match(nxt.text)) is not None
            and match.kind == "article"
        )

    # -- tables ------------------------------------------------------------------

    def _cell_texts(self, para: _Paragraph) -> list[str]:
        return self.cells.texts(para.start, para.end, para.text)

    def _open_table(
        self, header: _Paragraph, columns: list[str], caption: _Paragraph | None
    ) -> None:
        first = caption or header
        node = ParsedProvision(
            kind="table",
            label="",
            heading=caption.text if caption else "",
            text=self.normalised.text[first.start : header.end],
            start=first.start,
            text_start=first.start,
            text_end=header.end,
        )
        self._close_box_if_closed()
        self._place(node)
        self.stack.append(node)
        self.table = Table(node=node, header=self._cell_texts(header))

    def _table_row(self, para: _Paragraph) -> bool:
        assert self.table is not None
        row = self.cells.row(self.table, para.start, para.end)
        if row is None:
            return False
        self.table.node.children.append(row)
        return True

    def _close_table(self) -> None:
        if self.table is None:
            return
        if self.table.node in self.stack:
            del self.stack[self.stack.index(self.table.node) :]
        self.table = None

    # -- nodes ---------------------------------------------------------------------

    def _node(
        self,
        kind: str,
        para: _Paragraph,
        text_start: int,
        *,
        heading: str = "",
        number: int | None = None,
        label: str = "",
    ) -> ParsedProvision:
        return ParsedProvision(
            kind=kind,
            label=label,
            heading=heading,
            text=self.normalised.text[text_start : para.end],
            start=para.start,
            text_start=text_start,
            text_end=para.end,
            number=number,
        )


def _title_like(text: str) -> bool:
    """Short, without sentence punctuation: a line that can title something."""
    return len(text) <= line_grammar.TITLE_MAX_CHARS and not line_grammar.SENTENCE_PUNCT.search(text)


def _canonically_deeper(open_kind: str, new_kind: str) -> bool:
    """Does ``open_kind`` go below ``new_kind`` wherever both occur?  A bullet
    ("--", "●") goes below every numbered heading: "二、实施…行动" after the
    bullets of a lost 一、 is no point of the last bullet."""
    if open_kind == "bullet":
        return new_kind in CANONICAL_DEPTH
    a, b = CANONICAL_DEPTH.get(open_kind), CANONICAL_DEPTH.get(new_kind)
    return a is not None and b is not None and a[0] == b[0] and a[1] > b[1]


def _is_caption(para: _Paragraph, next_cells: list[str]) -> bool:
    return (
        table_value_columns(next_cells) is not None
        and len(para.text) <= CAPTION_MAX_CHARS
        and para.text[-1] not in SENTENCE_END
    )


def parse(normalised: NormalisedText) -> list[ParsedProvision]:
    """The provision tree (roots in document order) of a normalised text."""
    return _TreeBuilder(normalised).build()
