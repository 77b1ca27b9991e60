"""Web pages: the article body of a government site, and its metadata.

Government sites built on the common CMSs put the article in a known box
(``CONTENT_SELECTORS``); navigation, breadcrumbs, share bars and footers sit
outside it, and inside it are dropped by tag and by class/id (``NOISE``).
The page's metadata table (发文字号, 发文机关, 成文日期, 发布日期 …, a label
cell and a value cell) and its <meta> tags go to ``Reading.meta``.  A page
without a known box falls back to readability's article extraction.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from documents.parsing.encoding import SourceError
from documents.readers.types import CELL_SEPARATOR, Hint, Reading

CONTENT_SELECTORS = (
    "#UCAP-CONTENT",
    ".pages_content",
    ".TRS_Editor",
    "#zoom",
    "#Zoom",
    ".article-content",
    ".article_con",
    "#content",
    "article",
    ".content",
)
NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select")
NOISE = re.compile(
    r"nav|menu|breadcrumb|crumb|share|bdshare|footer|foot|header|sidebar|toolbar|"
    r"position|location|print|pagination|related|comment",
    re.IGNORECASE,
)
META_LABELS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "来源", "发布机构", "文号")
META_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "description", "keywords", "ColumnName")
BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol table tbody thead tr section article blockquote pre center dd dt dl".split()
)
MIN_ARTICLE_CHARS = 20
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
NO_TEXT = "网页中没有正文（可能只有脚本） / the page has no article text (only scripts?)"


def _decode(data: bytes) -> str:
    declared = CHARSET.search(data[:4096])
    candidates = ["utf-8", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.insert(0, "gb18030" if name in ("gb2312", "gbk") else name)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise SourceError("网页编码无法识别 / cannot decode the web page")


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _read_meta(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in root.iter("meta"):
        name = tag.get("name") or tag.get("property")
        if name in META_TAGS and tag.get("content"):
            meta[name] = tag.get("content").strip()
    labels = "|".join(META_LABELS)
    for cell in root.iter("td", "th", "li", "span", "div", "p", "b", "strong"):
        text = _text(cell)
        m = re.fullmatch(rf"({labels})\s*[：:]\s*(.*)", text)
        if m is None or len(text) > 120:
            continue
        label, value = m.group(1), m.group(2).strip()
        if not value:
            following = cell.getnext()
            value = _text(following) if following is not None else ""
        if value and label not in meta:
            meta[label] = value
    return meta


def _drop_noise(root) -> None:
    for element in list(root.iter(*NOISE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if NOISE.search(marks) and not any(
            sel.strip("#.") in marks for sel in CONTENT_SELECTORS
        ):
            element.drop_tree()


def _article(root):
    for selector in CONTENT_SELECTORS:
        for element in root.cssselect(selector):
            if len(_text(element)) >= MIN_ARTICLE_CHARS:
                return element
    return None


def _fallback_article(html: str):
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:  # readability raises its own Unparseable and lxml errors
        return None
    return lxml.html.fragment_fromstring(summary, create_parent="div")


def _lines(element) -> list[str]:
    """Block-level text in order; a table row is one line of cells."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r"[ \t\r\n\xa0]+", " ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(node) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag == "br":
            flush()
        elif node.tag == "tr":
            flush()
            cells = [_text(cell) for cell in node if cell.tag in ("td", "th")]
            cells = [cell for cell in cells if cell]
            if cells:
                lines.append(CELL_SEPARATOR.join(cells))
            current.append(node.tail or "")
            return
        else:
            block = node.tag in BLOCK_TAGS
            if block:
                flush()
            current.append(node.text or "")
            for child in node:
                walk(child)
            if block:
                flush()
        current.append(node.tail or "")

    walk(element)
    flush()
    return lines


def read_html(data: bytes) -> Reading:
    html = _decode(data)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise SourceError(NO_TEXT) from None
    meta = _read_meta(root)
    heading = root.find(".//h1")
    title = _text(heading) if heading is not None else ""
    _drop_noise(root)
    article = _article(root)
    warnings = []
    if article is None:
        article = _fallback_article(html)
        warnings.append("未找到政府网站正文框，使用通用正文提取 / no known article box: generic extraction used")
    lines = _lines(article) if article is not None else []
    if not "".join(lines).strip():
        raise SourceError(NO_TEXT)
    hints = []
    # The page's own title stands above the article box on most sites.
    if title and title not in lines[:5]:
        lines.insert(0, title)
        hints.append(Hint(0, "heading"))
    if title:
        meta.setdefault("标题", title)
    return Reading(kind="html", text="\n".join(lines), lines_are_paragraphs=True, hints=hints, meta=meta, warnings=warnings)
