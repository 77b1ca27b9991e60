"""Cross-references: the documents a text cites, by 《title》 and/or by 文号.

Pure Python (no Django).  Text in, ``CrossRef`` out, with character offsets into
the text given plus ``offset``.  The input is the normalised text (full-width
digits folded, so "〔２０１８〕" arrives as "〔2018〕"); stray spaces that the
normaliser keeps next to punctuation ("吉发 〔2010〕19号") are tolerated.

Document patterns relied on:

* Chinese official documents cite each other as 《标题》 immediately followed by
  the 文号 in parentheses: "《国务院办公厅关于印发促进科技成果转移转化行动方案
  的通知》（国办发〔2016〕28号）" (001), "《…若干意见》 （吉发 〔2010〕19号）"
  (003, with spaces), "《吉林省加快新型研发机构发展实施办法》 （吉政发
  〔2018〕31号）" (004).  Such a pair is one reference of kind "both".
* A 文号 is issuer abbreviation + year in 〔〕 (sometimes [] or 【】) + serial +
  号: 国办发, 吉发, 吉政发, 吉办发, 吉科发办 (002's own number).
* A 《》 without a 文号 is a bare title reference (laws, plans, reports:
  "《企业知识产权管理规范》" in 000 and 001).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# 文号: issuer (CJK run) + year bracket + serial + 号.  The issuer run is capped
# at 8 characters; words that lead into a citation in running text ("按照吉政发
# 〔2018〕31号") are stripped by ISSUER_LEAD_WORDS below.
_SP = r"[ \u3000]*"
DOC_NUMBER_RE = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{1,8})"
    + _SP
    + r"[〔\[【［](?P<year>(?:19|20)\d{2})[〕\]】］]"
    + _SP
    + r"(?P<serial>\d{1,4})"
    + _SP
    + r"号"
)

# Words that can precede a bare 文号 in running text and are not part of it.
ISSUER_LEAD_WORDS = (
    "按照",
    "根据",
    "依据",
    "依照",
    "对照",
    "参照",
    "执行",
    "见",
    "和",
    "及",
)

TITLE_RE = re.compile(r"《(?P<title>[^《》\n]{1,200})》")

# The parentheses that carry the 文号 right after a title: full-width or ASCII,
# spaces allowed inside and before them.
_PAIR_RE = re.compile(_SP + r"[（(]" + _SP)
_PAIR_CLOSE_RE = re.compile(_SP + r"[）)]")

# Characters dropped when comparing titles across documents: quotes, title marks
# and whitespace (titles are quoted inconsistently and hard-wrapped in the PDFs).
_TITLE_NOISE = set("《》〈〉“”‘’「」『』\"' \u3000\t\r\n")
_DASHES = dict.fromkeys(map(ord, "－—–‐―−~～"), "-")


@dataclass
class CrossRef:
    start: int
    end: int
    title: str  # without 《》, as in the text; "" for a bare 文号
    doc_number: str  # canonical "吉发〔2016〕26号" (spaces removed); "" when none
    kind: str  # "title", "doc_number" or "both"


def normalise_title(title: str) -> str:
    """A key for matching the same title across documents.

    Strips 《》, quotes and whitespace, folds full-width forms (NFKC) and dashes,
    so "《国家中长期科学和技术发展规划 （２０２１－２０３５年）》" and
    "国家中长期科学和技术发展规划(2021-2035年)" compare equal.
    """
    folded = unicodedata.normalize("NFKC", title).translate(_DASHES)
    return "".join(ch for ch in folded if ch not in _TITLE_NOISE)


def _doc_number(match: re.Match[str]) -> tuple[int, str]:
    """(start offset within the match's string, canonical 文号) of a match."""
    issuer = match.group("issuer")
    start = match.start("issuer")
    for word in ISSUER_LEAD_WORDS:
        if issuer.startswith(word) and len(issuer) > len(word):
            issuer = issuer[len(word) :]
            start += len(word)
            break
    canonical = f"{issuer}〔{match.group('year')}〕{match.group('serial')}号"
    return start, canonical


def _paired_number(text: str, pos: int) -> tuple[int, str] | None:
    """The 文号 in parentheses starting at ``pos`` (just after 》): (end, 文号)."""
    opening = _PAIR_RE.match(text, pos)
    if not opening:
        return None
    number = DOC_NUMBER_RE.match(text, opening.end())
    if not number:
        return None
    closing = _PAIR_CLOSE_RE.match(text, number.end())
    if not closing:
        return None
    return closing.end(), _doc_number(number)[1]


def find_crossrefs(text: str, *, offset: int = 0) -> list[CrossRef]:
    """Every 《title》 and 文号 in ``text``, a title and its 文号 paired."""
    refs: list[CrossRef] = []
    covered: list[tuple[int, int]] = []
    for match in TITLE_RE.finditer(text):
        title = match.group("title")
        paired = _paired_number(text, match.end())
        if paired:
            end, number = paired
            refs.append(CrossRef(match.start(), end, title, number, "both"))
        else:
            end = match.end()
            refs.append(CrossRef(match.start(), end, title, "", "title"))
        covered.append((match.start(), end))
    for match in DOC_NUMBER_RE.finditer(text):
        start, number = _doc_number(match)
        if any(s <= start < e for s, e in covered):
            continue
        refs.append(CrossRef(start, match.end(), "", number, "doc_number"))
    refs.sort(key=lambda ref: ref.start)
    for ref in refs:
        ref.start += offset
        ref.end += offset
    return refs
