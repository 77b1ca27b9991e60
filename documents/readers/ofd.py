"""OFD (GB/T 33190, the national fixed-layout format): zipfile + lxml.

OFD.xml names the document root; its Document.xml lists the pages in order;
each page's Content.xml holds TextObjects with a Boundary (x y w h, in mm,
from the top left) and TextCode runs with their offsets and the advance of
every character (DeltaX).  Each run becomes a positioned line and layout.py
re-joins the paragraphs as for a PDF.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from documents.parsing.encoding import SourceError
from documents.readers import layout
from documents.readers.archive import Archive
from documents.readers.layout import PlacedLine
from documents.readers.types import Reading

NS = {"ofd": "http://www.ofdspec.org/2016"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
BOLD_WEIGHT = 600


def _xml(archive: Archive, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name.lstrip("/")), PARSER)
    except etree.XMLSyntaxError:
        raise SourceError(f"OFD 文件已损坏（{name}） / the OFD is corrupt ({name})") from None


def _deltas(code: etree._Element) -> list[float]:
    """DeltaX as advances; "g 3 5.57" repeats 5.57 three times."""
    parts = (code.get("DeltaX") or "").split()
    out: list[float] = []
    k = 0
    while k < len(parts):
        if parts[k] == "g" and k + 2 < len(parts):
            out += [float(parts[k + 2])] * int(parts[k + 1])
            k += 3
        else:
            out.append(float(parts[k]))
            k += 1
    return out


def _page_lines(root: etree._Element, number: int) -> list[PlacedLine]:
    lines = []
    for obj in root.iterfind(".//ofd:TextObject", NS):
        x, y, _, _ = (float(v) for v in (obj.get("Boundary") or "0 0 0 0").split())
        size = float(obj.get("Size") or 0)
        bold = int(float(obj.get("Weight") or 400)) >= BOLD_WEIGHT
        for code in obj.iterfind("ofd:TextCode", NS):
            text = code.text or ""
            if not text.strip():
                continue
            x0 = x + float(code.get("X") or 0)
            base = y + float(code.get("Y") or 0)
            width = sum(_deltas(code)[: len(text) - 1]) + size
            lines.append(
                PlacedLine(
                    page=number, top=base - size, bottom=base, x0=x0,
                    x1=x0 + width, size=size, text=text, bold=bold,
                )
            )
    lines.sort(key=lambda line: (round(line.bottom, 1), line.x0))
    return _merge_same_baseline(lines)


def _merge_same_baseline(lines: list[PlacedLine]) -> list[PlacedLine]:
    """Runs printed on one baseline (a date split into runs) are one line."""
    out: list[PlacedLine] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and abs(last.bottom - line.bottom) < 0.3 * line.size:
            gap = line.x0 - last.x1
            sep = "\u3000" if gap > line.size else ""
            last.text += sep + line.text
            last.x1 = max(last.x1, line.x1)
            continue
        out.append(line)
    return out


def read_ofd(data: bytes) -> Reading:
    archive = Archive(data)
    ofd = _xml(archive, "OFD.xml")
    root_name = ofd.findtext(".//ofd:DocRoot", namespaces=NS)
    if not root_name:
        raise SourceError("OFD 缺少 DocRoot / the OFD has no DocRoot")
    root_name = root_name.strip().lstrip("/")
    document = _xml(archive, root_name)
    base = posixpath.dirname(root_name)
    pages = []
    for number, page in enumerate(document.iterfind(".//ofd:Pages/ofd:Page", NS)):
        location = posixpath.normpath(posixpath.join(base, page.get("BaseLoc") or ""))
        pages.append(_page_lines(_xml(archive, location), number))
    return layout.reading("ofd", pages)
