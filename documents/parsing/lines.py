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
    r"中共中央|[\u4e00-\u9fff（）“”]{2,40}"
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
    # a letter ("…办理情况的函"), after 复函
    "函",
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
    "清单",
    "指引",
    "要点",
    # Laws: "中华人民共和国科学技术普及法" (after 办法, which also ends in 法).
    "法",
)
# A title may end with a status in brackets, "…实施细则（试行）", or with two:
# "…的扶持意见（试行）（征求意见稿）", with the period it covers: "…行动计划
# （2025—2027年）", or with its edition: "…若干措施（2026年版）".
TITLE_STATUS = re.compile(
    r"(?:[（(](?:试行|暂行|征求意见稿|修订|草案|\d{4}\s*年?\s*(?:[—－\-–~～至到]\s*\d{4}\s*)?年?版?)[）)])+$"
)
TITLE_MAX_CHARS = 60
# A title is printed over at most this many lines; one that opens with 关于
# ("国务院关于同意…") is not finished until its genre word.
TITLE_MAX_LINES = 3
TITLE_OPENER = "关于"
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
    "予以印发",  # "现将《A》《B》予以印发"
)
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{4,80})》")
# The title of a notice that issues a policy: "关于修订印发《高新技术企业认定管理
# 办法》的通知", "…关于印发《…实施方案》的通知".  When the policy's own title
# follows it on the next line, with no notice body between, the text is the
# policy and the quoted title is the document's.
ISSUING_TITLE = re.compile(
    r".*?(?:修订)?(?:印发|转发|发布|颁布|下发)《(?P<title>[^《》]{4,80})》的通知"
)
# Any notice title that issues something: "北京市经济和信息化局印发《X》的通知",
# "…关于印发A和B的通知" (the policies it issues, with or without 《》).
# A date in brackets may close it: "…的通知（2023年6月27日）".
ISSUING_NOTICE = re.compile(r"(?:印发|转发|发布|颁布|下发|关于修订《).+的通知(?:[（(][^（）()]*[）)]?)?$")
# A remark printed in brackets on a line of its own ("（此件公开发布）"): never
# the first line of a title.
BRACKETED_LINE = re.compile(r"[（(][^（）()]*[）)]")
# A date printed in brackets under a title: the date the text was adopted
# or signed ("(2023年2月8日)" under 柳河县's 实施意见).
BRACKETED_DATE = re.compile(r"[（(](?P<date>[^（）()]{6,20})[）)]")

# The first line of an attachment printed after the signature: "附件",
# "附件2", "附件1：…实施方案" (GB/T 9704: the label stands at the top left, the
# attachment's title centred below it or after the label).
# "附件4-1", "附件4-2": the parts of attachment 4 (``sub``).
ATTACHMENT_LABEL = re.compile(
    r"(?P<label>附\s*件\s*(?:(?P<num>\d{1,2})(?:[-－‐](?P<sub>\d{1,2}))?)?)"
    r"\s*[：:．.、]?\s*(?P<title>[^。；]{0,60})"
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


def bracketed_doc_number(line: str) -> str | None:
    """The 文号 of a line that is nothing but a 文号 in brackets
    ("（皖政办秘〔2021〕82号）", as a database copy prints it), else None."""
    m = BRACKETED_LINE.fullmatch(line)
    inner = line[1:-1] if m else ""
    return inner if inner and is_doc_number(inner) else None


def is_org_name(line: str) -> bool:
    return ORG_NAME.fullmatch(line) is not None


def stands_alone(line: str) -> bool:
    """Dates, 文号 and attachment labels are lines of their own ("2016年10月31日",
    "吉科发办〔2022〕109号", "附件：1.典型场景清单", "附件1")."""
    if parse_date_line(line) is not None or is_doc_number(line):
        return True
    m = attachment_label(line)
    return m is not None and SENTENCE_PUNCT.search(m.group("title") or "") is None


def doc_type_of(title: str) -> str | None:
    """The genre of a title: "…实施方案" -> "方案"; None without a genre suffix."""
    stem = TITLE_STATUS.sub("", title)
    for doc_type in DOC_TYPES:
        if stem.endswith(doc_type):
            return doc_type
    return None


def is_title_line(line: str) -> bool:
    """A standalone title: short, no sentence punctuation, a genre suffix.
    What a title quotes may have its own ("民政部对“关于应对老龄社会，深化运用…
    的建议”的答复"), and a reply's title may run long with it."""
    return (
        len(unquoted(line)) <= TITLE_MAX_CHARS
        and SENTENCE_PUNCT.search(unquoted(line)) is None
        and doc_type_of(line) is not None
    )


QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》")


def unquoted(line: str) -> str:
    """``line`` with what it quotes (“…”, 《…》) left out."""
    return QUOTED.sub("“”", line)


def continues_title(begun: list[str], line: str) -> bool:
    """Does ``line`` continue a title printed over several lines, ``begun``
    the lines above it?  The first is no title, organisation (letterhead
    "…文件"), date or 文号 of its own, and none has sentence punctuation.
    The line either ends the title ("国务院办公厅关于推广第二批" / "支持创新
    相关改革举措的通知") or, when the title opened with 关于, goes on with it
    ("国务院关于同意乌鲁木齐、昌吉、石河子" / "高新技术产业开发区建设" /
    "国家自主创新示范区的批复")."""
    if len(begun) >= TITLE_MAX_LINES:
        return False
    first, text = begun[0], "".join(begun)
    if (
        SENTENCE_PUNCT.search(text)
        or is_title_line(text)
        or is_org_name(first.removesuffix("文件"))
        or stands_alone(first)
        or BRACKETED_LINE.fullmatch(first)
    ):
        return False
    joined = text + line
    if is_title_line(joined) or _dated_title(joined):
        return True
    return (
        len(begun) < TITLE_MAX_LINES - 1
        and TITLE_OPENER in first
        and not SENTENCE_PUNCT.search(line)
        and not stands_alone(line)
        and len(joined) < TITLE_MAX_CHARS
    )


# A title with the date it was issued in brackets after it, a wrap inside the
# date: "…实施试点的通知（2023 年4 月28" / "日）".
DATED_TITLE_RE = re.compile(r"(?P<title>.+?)(?P<date>[（(][^（）()]{6,20}[）)])")


def _dated_title(text: str) -> bool:
    m = DATED_TITLE_RE.fullmatch(text)
    return bool(m and bracketed_date(m.group("date")) and is_title_line(m.group("title")))


# The adoption history printed under the title of a law or regulation, one
# event per line or several on one: "2024年12月25日 第十四届全国人民代表大会常务
# 委员会第十三次会议修订", "2019年11月29日 浙江省…第十五次会议批准", "1999年5月
# 23日 中华人民共和国国务院令第265号发布", "2003年12月20日《国务院关于修改〈国家
# 科学技术奖励条例〉的决定》第一次修订".  The body between the date and the verb
# names who acted.
HISTORY_EVENT = re.compile(
    r"(?P<date>" + DATE_LINE.pattern + r")\s*(?P<body>[^。；]{2,160}?)"
    r"(?P<verb>通过|批准|公布|发布|修订|修正)"
)
# What each verb dates (the field of DocumentMeta.fields it fills).
HISTORY_DATES = {
    "通过": "adopted_on",
    "修订": "adopted_on",
    "修正": "adopted_on",
    "批准": "approved_on",
    "公布": "promulgated_on",
    "发布": "promulgated_on",
}
# Who acted: a congress session ("浙江省第十三届人民代表大会常务委员会第十五次
# 会议" -> 浙江省人民代表大会常务委员会), an order ("国务院令第265号" -> 国务院) or
# the issuer of a quoted decision ("《国务院关于修改…的决定》" -> 国务院).
SESSION = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,40}?)第[〇零一二三四五六七八九十百\d]+次(?:全体)?会议")
ORDER = re.compile(r"(?:中华人民共和国)?(?P<org>[\u4e00-\u9fff]{2,20}?)令(?:第\d+号)?")
# The number of an order or announcement that promulgated or revised a
# regulation: its 文号 ("中华人民共和国国务院令第796号", "杭州市第十一届人民代表
# 大会常务委员会公告第56号").
ORDER_NUMBER = re.compile(r"(?:中华人民共和国)?[\u4e00-\u9fff]{2,40}?(?:令|公告)第\d+号")
DECISION = re.compile(r"《(?P<org>[\u4e00-\u9fff]{2,30}?)关于")
# The head of an order that promulgates a rule (令 of a government or a
# ministry): "广东省人民政府令" over "（第290号）", or both on one line.  The rule
# printed under the order's signature is the text itself, not a policy the
# order issues: the order names its issuer and its 文号.
ORDER_HEAD = re.compile(
    r"(?:中华人民共和国)?(?P<org>[\u4e00-\u9fff]{2,24}?(?:政府|部|委员会|局|署|院|行))令"
    r"\s*(?P<number>[（(]?\s*第\s*\d{1,5}\s*号\s*[）)]?)?"
)
ORDER_NUMBER_LINE = re.compile(r"[（(]?\s*第\s*(?P<num>\d{1,5})\s*号\s*[）)]?")
ORDINAL_TERM = re.compile(r"第[〇零一二三四五六七八九十百\d]+届")
# "本办法自2024年8月1日起施行" (施行日期), wherever the text says it; 起 may
# be left out ("本实施细则自2017年9月1日实施").
EFFECTIVE = re.compile(
    r"自(?P<date>" + DATE_LINE.pattern + r")起?(?:施行|实施|试行|执行|生效)"
)


def order_head(front: list[str]) -> tuple[str, str, str] | None:
    """(issuer, 文号, the lines they were read from) of an order printed at the
    head of a text ("广东省人民政府令" / "（第290号）" -> 广东省人民政府,
    广东省人民政府令第290号); None when the text does not open with one."""
    if not front:
        return None
    m = ORDER_HEAD.fullmatch(front[0])
    if m is None:
        return None
    org, lines = m.group("org"), [front[0]]
    number = ORDER_NUMBER_LINE.fullmatch(m.group("number") or "")
    if number is None and len(front) > 1:
        number = ORDER_NUMBER_LINE.fullmatch(front[1])
        lines.append(front[1])
    if number is None:
        return None
    prefix = front[0][: m.end("org")] + "令"
    return org, f"{prefix}第{number.group('num')}号", "\n".join(lines)


def history_events(line: str) -> list[tuple[date, str, str]]:
    """(date, who acted, verb) of every adoption-history event in ``line``."""
    events = []
    for m in HISTORY_EVENT.finditer(line):
        when = parse_date_line(m.group("date"))
        org = history_actor(m.group("body"))
        if when is not None and org:
            events.append((when, org, m.group("verb")))
    return events


def history_orders(line: str) -> list[tuple[date, str]]:
    """(date, order number) of the history events of ``line`` made by an
    order ("2024年11月8日 中华人民共和国国务院令第796号修订")."""
    orders = []
    for m in HISTORY_EVENT.finditer(line):
        when = parse_date_line(m.group("date"))
        number = ORDER_NUMBER.search(m.group("body"))
        if when is not None and number is not None:
            orders.append((when, number.group()))
    return orders


def bracketed_date(line: str) -> date | None:
    """The date of a line that is nothing but a date in brackets."""
    m = BRACKETED_DATE.fullmatch(line)
    return parse_date_line(m.group("date")) if m else None


def issued_policy(title: str, following: str) -> str | None:
    """The policy an issuing notice's ``title`` names, when the next line is
    that policy's own title (the text holds the policy, not the notice)."""
    m = ISSUING_TITLE.fullmatch(title)
    if m is None or following != m.group("title"):
        return None
    return m.group("title")


# The short form of a congress's standing committee, written out so that one
# body read from two lines is one issuer ("河南省第八届人大常委会第十五次会议",
# "河南省第十一届人民代表大会常务委员会第十六次会议").
BODY_SHORT_FORMS = (("人大常委会", "人民代表大会常务委员会"),)


def history_actor(body: str) -> str:
    """Who acted in one history event ("" when the body names nobody): a
    session, an order, a decision, or a body named alone ("1988年5月10日
    国务院批准")."""
    for pattern in (SESSION, ORDER, DECISION):
        m = pattern.search(body)
        if m is not None:
            org = ORDINAL_TERM.sub("", m.group("org")).removeprefix("中华人民共和国")
            for short, full in BODY_SHORT_FORMS:
                org = org.replace(short, full) if org.endswith(short) else org
            return org
    named = body.strip(" \u3000")
    return named if is_org_name(named) else ""


# Where a text says it takes effect, with or without a date: the end of a
# text that prints no signature.
IN_FORCE = re.compile(
    EFFECTIVE.pattern + r"|自(?:发布|印发|公布|颁布)之日起(?:施行|实施|执行|生效)"
)


def states_entry_into_force(text: str) -> bool:
    """Does ``text`` say when it takes effect ("本细则自2017年9月1日起施行")?"""
    return IN_FORCE.search(text) is not None


def effective_date(text: str) -> tuple[date, str] | None:
    """The 施行日期 a sentence of ``text`` states, with that sentence."""
    for m in EFFECTIVE.finditer(text):
        when = parse_date_line(m.group("date"))
        if when is not None:
            start = max(text.rfind(c, 0, m.start()) for c in "。\n") + 1
            end = min((i for i in (text.find(c, m.end()) for c in "。\n") if i >= 0), default=len(text))
            return when, text[start:end]
    return None


def attachment_label(line: str) -> re.Match[str] | None:
    """The label (group ``label``, number ``num``) and the title, if printed
    on the same line, of an attachment's first line; None for other lines."""
    return ATTACHMENT_LABEL.fullmatch(line)


# The first entry of a list of attachments under one label ("附件：1.封面").
LISTED_FIRST_ATTACHMENT = re.compile(r"1\s*[.．、]")


def lists_attachments(title: str) -> bool:
    """Does the title of a bare 附件 label open the list of the attachments
    printed below ("附件：1.封面", then "2.…申请表" …)?"""
    return LISTED_FIRST_ATTACHMENT.match(title) is not None


def forwards(paragraph: str) -> bool:
    """Is ``paragraph`` a forwarding sentence ("…，现印发给你们")?"""
    return any(verb in paragraph for verb in FORWARDING_VERBS)


def issued_titles(front: list[str]) -> list[str]:
    """The titles of the policies a notice issues, in order: the 《…》 of its
    title ("…关于印发《X》的通知") and of its forwarding sentence ("《A》《B》已经
    省政府同意，现印发给你们")."""
    named: list[str] = []
    for paragraph in _quotes_closed(front):
        if forwards(paragraph) or (
            ISSUING_NOTICE.search(paragraph) and not SENTENCE_PUNCT.search(paragraph)
        ):
            named += [m.group("title") for m in QUOTED_TITLE.finditer(paragraph)]
    return list(dict.fromkeys(named))


def _quotes_closed(front: list[str]) -> list[str]:
    """``front`` with a line that a PDF broke inside a 《…》 joined to the
    next ("…等7部门印发《关于推进专利公开实施的" / "指导意见》《…》的通知")."""
    out: list[str] = []
    carry = ""
    for paragraph in front:
        paragraph = carry + paragraph
        carry = paragraph if paragraph.count("《") > paragraph.count("》") else ""
        if not carry:
            out.append(paragraph)
    return out + ([carry] if carry else [])


def issued_documents(paragraphs: list[str], front: list[str]) -> dict[int, str]:
    """Where the documents a notice issues without an 附件 label begin: the
    lines that print the title of a policy the notice names (``issued_titles``
    of its ``front`` matter) after the notice's own body (its forwarding
    sentence or its signature date), each with the title as printed — over
    up to four lines ("济南“鲲鹏+昇腾”生态创新中心" / "华为（济南）软件开发云创新
    中心" / … / "服务资源供给办法（V1.0）"), the lines after the first mapped to
    "".  The line under an 附件 label is that attachment's title, and a policy
    title right under the notice's title is the text itself, the notice having
    no body of its own ("关于修订印发《高新技术企业认定管理办法》的通知" /
    "高新技术企业认定管理办法")."""
    named = {_bare(title) for title in issued_titles(front)}
    starts: dict[int, str] = {}
    body = False
    for k, paragraph in enumerate(paragraphs):
        if body and named and k not in starts and not (k and attachment_label(paragraphs[k - 1])):
            for n in range(1, ISSUED_TITLE_LINES + 1):
                if _bare("".join(paragraphs[k : k + n])) in named:
                    starts[k] = "".join(paragraphs[k : k + n])
                    starts.update((k + i, "") for i in range(1, n))
                    break
        if forwards(paragraph) or parse_date_line(paragraph) is not None:
            body = True
    return starts


# How many lines a title may be printed over; what its lines drop of it.
ISSUED_TITLE_LINES = 4
TITLE_JOINS = re.compile(r"[\s、，,]")


def _bare(title: str) -> str:
    return TITLE_JOINS.sub("", title).replace("（", "(").replace("）", ")")


def forwarded_title(paragraph: str) -> str | None:
    """The 《title》 of a forwarding sentence, or None."""
    if not forwards(paragraph):
        return None
    m = QUOTED_TITLE.search(paragraph)
    return m.group("title") if m else None


# A PDF's line break inside a quantity: the number and its unit ("择优给予承办单
# 位20万" / "元资助"), or an amount and the support it is ("…的单位，予以300万元"
# / "资助。").  The next line goes on the sentence.
NUMBER_AT_END = re.compile(r"\d\s*[万亿千]?$")
UNIT_AT_START = ("元", "万元", "亿元", "万", "亿", "%", "％")
# ...a count's unit, after a line of some length ("…高价值发明专利0.6" / "件，…";
# not "附3" / "项目突破的关键技术清单").
COUNT_AT_START = ("件", "个", "家", "项", "人次", "门", "种", "次")
COUNTED_LINE_CHARS = 10
AMOUNT_AT_END = re.compile(r"\d\s*(?:[万亿千]?\s*元|[%％])$")  # "…购置额度的8%" / "给予补助，"
SUPPORT_AT_START = ("资助", "奖励", "补助", "补贴", "奖补", "支持")
GRANT_AT_START = ("给予", "予以")
# ...or the support the amounts are of: "分别给予15 万元、10 万元" / "的奖励。"
OF_SUPPORT_AT_START = tuple("的" + word for word in SUPPORT_AT_START)


# ...or a ratio between its two numbers ("按省级财政奖励给予1:" / "1配套支持；"),
# or the support from its amount ("…登记，每件资助" / "2000 元。").
RATIO_AT_END = re.compile(r"\d\s*[:：]$")
AMOUNT_AT_START = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?\s*元")


def splits_quantity(line: str, following: str) -> bool:
    """Does the break between ``line`` and ``following`` cut a quantity from
    its unit, an amount from its support word (either way), or a ratio in two?"""
    return bool(
        (NUMBER_AT_END.search(line) and following.startswith(UNIT_AT_START))
        or (
            len(line) >= COUNTED_LINE_CHARS
            and NUMBER_AT_END.search(line)
            and following.startswith(COUNT_AT_START)
        )
        or (
            AMOUNT_AT_END.search(line)
            and following.startswith(SUPPORT_AT_START + GRANT_AT_START + OF_SUPPORT_AT_START)
        )
        or (RATIO_AT_END.search(line) and following[:1].isdigit())
        or any(  # a support word, whole or broken ("…一次性奖" / "励20 万元，"), then its amount
            line.endswith(word[:k]) and AMOUNT_AT_START.match(following, len(word) - k) is not None
            for word in SUPPORT_AT_START
            for k in range(1, len(word) + 1)
            if following.startswith(word[k:])
        )
    )


# A note on how a document is made public, printed under its signature:
# "（此件公开发布）", "（此件主动公开）".
PUBLICATION_NOTE = re.compile(r"[（(]此件[^（）()]{2,8}[）)]")


def is_publication_note(line: str) -> bool:
    return PUBLICATION_NOTE.fullmatch(line) is not None

