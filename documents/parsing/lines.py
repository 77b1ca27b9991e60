"""Whole-line grammar: lines whose entire content says what they are.

Reads one normalised line (or paragraph) and answers whether it is a page
mark, a date, a 文号, an organisation name, a title or a forwarding sentence.
The normaliser drops page marks and keeps dates and 文号 on lines of their
own; structure.py turns titles, issuers and dates into title/signature nodes;
metadata.py reads the document's own title, number, issuer and date from them.
"""

from __future__ import annotations

import re
from datetime import date

from documents.parsing.headings import read_chinese

# "—２１—", "—１３—" (004), "- 5 -": a page number between dashes, alone on a
# line.  Matched on the folded line (full-width digits already ASCII).
PAGE_MARK = re.compile(r"[-—–‒―─~]+\s*\d{1,4}\s*[-—–‒―─~]+")

# "2016年10月31日" (001), "2022 年 7月 6 日" (002, spaces already removed),
# "二〇一一年六月七日" (003; printed "二○一一", folded to 〇).
DATE_LINE = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日"
)

# "吉科发办〔2022〕109号" (002), "国办发〔2016〕28号" (cited in 001).  Issuer code,
# year in 〔〕 (or [] / 【】 / （） in sloppier copies), serial number, 号.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【（(]\d{4}[〕\]】）)]第?\d{1,5}号")

# An issuing body on a signature line: "吉林省人民政府办公厅" (001),
# "吉林省科学技术厅" (002).  Only Han characters and an organisation suffix.
ORG_NAME = re.compile(
    r"[\u4e00-\u9fff（）]{2,40}"
    r"(?:人民政府|人民代表大会常务委员会|常务委员会|委员会|办公厅|办公室|政府|"
    r"厅|局|委|办|院|部|署|中心|协会|学会|联合会|管委会|公司|大学|学院|研究所)"
)

# Genre suffixes of titles, mapped to the document type.  The title's last
# word decides: "…实施方案" -> 方案, "…行动计划" -> 计划, "…提案的答复" -> 答复.
DOC_TYPES = (
    "意见",
    "方案",
    "计划",
    "规划",
    "答复",
    "复函",
    "批复",
    "办法",
    "条例",
    "通知",
    "规定",
    "细则",
    "决定",
    "纲要",
    "指南",
    "措施",
    "公告",
    "通告",
    "报告",
    "规则",
)
# A title may end with a status in brackets, "…实施细则（试行）", or with two:
# "…的扶持意见（试行）（征求意见稿）".
TITLE_STATUS = re.compile(r"(?:[（(](?:试行|暂行|征求意见稿|修订|草案)[）)])+$")
TITLE_MAX_CHARS = 60
# Sentence punctuation never occurs in a title line.
SENTENCE_PUNCT = re.compile(r"[。，；：！？]")

# "《吉林省促进科技成果转移转化实施方案》已经省政府同意，现印发给你们" (001),
# "省科技厅制定的《创新型吉林建设科技行动计划》已经省政府同意，现转发给你们" (003).
FORWARDING_VERBS = (
    "印发给你们",
    "转发给你们",
    "现予印发",
    "现予发布",
    "现印发",
    "现转发",
)
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{4,80})》")

# The first line of an attachment printed after the signature: "附件",
# "附件2", "附件1：…实施方案" (GB/T 9704: the label stands at the top left, the
# attachment's title centred below it or after the label).
ATTACHMENT_LABEL = re.compile(
    r"(?P<label>附\s*件\s*(?P<num>\d{1,2})?)\s*[：:．.、]?\s*(?P<title>[^。；]{0,60})"
)


def is_page_mark(line: str) -> bool:
    return PAGE_MARK.fullmatch(line) is not None


def parse_date_line(line: str) -> date | None:
    """The date if ``line`` is nothing but a date, else None."""
    m = DATE_LINE.fullmatch(line)
    if m is None:
        return None
    try:
        return date(*(read_chinese(m.group(g)) for g in ("y", "m", "d")))
    except ValueError:
        return None


def is_doc_number(line: str) -> bool:
    return DOC_NUMBER.fullmatch(line) is not None


def is_org_name(line: str) -> bool:
    return ORG_NAME.fullmatch(line) is not None


def doc_type_of(title: str) -> str | None:
    """The genre of a title: "…实施方案" -> "方案"; None without a genre suffix."""
    stem = TITLE_STATUS.sub("", title)
    for doc_type in DOC_TYPES:
        if stem.endswith(doc_type):
            return doc_type
    return None


def is_title_line(line: str) -> bool:
    """A standalone title: short, no sentence punctuation, a genre suffix."""
    return (
        len(line) <= TITLE_MAX_CHARS
        and SENTENCE_PUNCT.search(line) is None
        and doc_type_of(line) is not None
    )


def attachment_label(line: str) -> re.Match[str] | None:
    """The label (group ``label``, number ``num``) and the title, if printed
    on the same line, of an attachment's first line; None for other lines."""
    return ATTACHMENT_LABEL.fullmatch(line)


def forwarded_title(paragraph: str) -> str | None:
    """The 《title》 of a forwarding sentence, or None."""
    if not any(verb in paragraph for verb in FORWARDING_VERBS):
        return None
    m = QUOTED_TITLE.search(paragraph)
    return m.group("title") if m else None
