"""Stage 4, metadata: reads ``NormalisedText``, writes ``DocumentMeta``.

Only what the text itself states, from whole lines (lines.py), in the order
of the official layout (GB/T 9704-2012: 版头 – 主体 – 版记):

- issuer_mark (发文机关标志): the letterhead lines before the 文号, "文件"
  dropped; joint issuers one per line;
- doc_number: a 文号 standing alone on its line before the first heading
  ("吉科发办〔2022〕109号"); numbers cited in the body ("（国办发〔2016〕28号）")
  never stand alone;
- title: the first standalone title line before the first heading
  ("吉林省科学技术发展“十四五”规划", "关于…的通知"; what it quotes may hold
  commas: a reply's "民政部对“关于…，…的建议”的答复"), else the 《…》 of a
  news release's headline ("中共中央 国务院印发《交通强国建设纲要》", its
  issuers too) or of a forwarding sentence ("《吉林省促进科技成果转移转化实施方案》已经省政府同意，
  现印发给你们"); a notice printed above the one policy it issues without an
  附件 label is titled by that policy (its title line after the notice's
  body), a notice that issues two by its own title;
- addressees (主送机关): the line after the title that ends with "：";
- issued_on: the last line that is only a date (the signature block);
- issuer (署名): the organisation lines right above that date (joint
  issuers kept whole, joined by "、"); signed_by: an organisation line that
  ends the text without a date (a reply's "民政部"), the issuer where
  nothing surer names one; the body that opens the title ("中共中央 国务院
  关于…", each of joint ones printed side by side) the last fallback;
- printed_by / printed_on (印发机关, 印发日期): "…办公室　2011年3月10日印发";
- a law's or regulation's adoption history under its title ("2024年12月25日
  第十四届全国人民代表大会常务委员会第十三次会议修订"): adopted_on,
  approved_on, promulgated_on (the last of each), and, when no signature
  gives them, issued_on (the last event) and the issuer (every body that
  acted: a city's congress and the province's that approved);
- effective_on (施行日期): "本办法自2024年8月1日起施行";
- without a signature date or a history, issued_on is the 印发日期, else the
  施行日期;
- attachments (附件): "附件：…", "附件1." lines.

Whatever the text does not say stays None: 000 starts mid-sentence and has
no title, number, issuer or date.  ``fill_from_file`` adds what the file says
outside its text (a web page's metadata table) where the text is silent.
"""

from __future__ import annotations

import re
from datetime import date

from documents.parsing import lines as line_grammar
from documents.parsing.headings import HeadingMatcher, read_chinese
from documents.parsing.types import DocumentMeta, MetaField, NormalisedText

# How sure each rule is; the layout's own slots are surer than fallbacks.
SURE, LIKELY, GUESS = 0.95, 0.8, 0.6
MAX_SIGNATORIES = 4
# "科学技术部文件"; a joint letterhead prints 文件 once beside the issuers'
# names, so a copy may give it on either side of one of them ("文件|科学技术部").
LETTERHEAD = re.compile(r"(?:文件[|｜]?)?(?P<org>.+?)(?:[|｜]?文件)?")
PRINTED = re.compile(r"(?P<org>.*?)\s*(?P<date>" + line_grammar.DATE_LINE.pattern + r")印发$")
ATTACHMENT = re.compile(r"附件\s*(?:\d{1,2}\s*[.．、：:]?|[：:])\s*(?P<title>.+)")
ABOUT_TITLE = re.compile(r"关于.+的.{1,6}$")
TITLE_ISSUER = re.compile(r"(?P<org>[^关]{2,40}?)关于")
# A news release's headline: "中共中央 国务院印发《交通强国建设纲要》".
HEADLINE = re.compile(r"(?P<org>[^《》，。]{2,40}?)(?:联合)?(?:印发|发布|颁布|出台)了?《(?P<title>[^《》]{4,80})》")
# A plan's period on the line under its title: "（2021-2025 年）".
PERIOD_LINE = re.compile(r"[（(]\s*\d{4}\s*[-—–－~至到]\s*\d{4}\s*年?\s*[）)]")
HISTORY_LINE = re.compile(r"[（(]?\s*" + line_grammar.DATE_LINE.pattern)
FILE_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# "label: value" cells are looked for in the first lines only.
LABELLED_LINES = 8
# A note on a label: "主办单位(分办单位)".
LABEL_NOTE = re.compile(r"[（(][^（）()]*[）)]")


# Marks a web page sets before a title.
TITLE_MARKS = "★☆●■◆▲"
# A title printed with its date in brackets on its line: "…规划的通知（2023 年6
# 月6 日）" (a compilation's heading).
DATED_TITLE = line_grammar.DATED_TITLE_RE


def _front_matter(paragraphs: list[str]) -> tuple[list[str], bool]:
    """The paragraphs before the first heading, a title and the date printed
    on its line as two; and whether a heading follows them (an outline)."""
    matcher = HeadingMatcher()
    front, outlined = paragraphs, False
    for k, paragraph in enumerate(paragraphs):
        if matcher.match(paragraph) is not None:
            front, outlined = paragraphs[:k], True
            break
    out = []
    for paragraph in front:
        m = DATED_TITLE.fullmatch(paragraph)
        if m and line_grammar.bracketed_date(m.group("date")) and line_grammar.is_title_line(m.group("title")):
            out += [m.group("title"), m.group("date")]
        else:
            out.append(paragraph)
    return out, outlined


# "…关于印发X的通知", "关于转发《X》的通知": the one policy a notice issues.
ONE_ISSUED = re.compile(r".*?(?:关于)?(?:修订)?(?:印发|转发)《?(?P<title>[^《》]{4,80}?)》?的通知")
# "…两个规定", "A和B": more than one policy.
SEVERAL = re.compile(r"[两二三四五六七八九十]个|[和及、]")
SEVERAL_FIRST_CHARS = 6


def _one_issued(line: str) -> str | None:
    m = ONE_ISSUED.fullmatch(line)
    if m is None or not line_grammar.is_title_line(m.group("title")):
        return None
    title = m.group("title")
    parts = SEVERAL.split(title)
    if "个" in title or any(line_grammar.doc_type_of(p) for p in parts[:-1]):
        return None
    if len(parts) > 1 and len(parts[0]) >= SEVERAL_FIRST_CHARS and line_grammar.is_title_line(parts[-1]):
        return None  # "支持…若干政策和安徽省…行动计划", not "科技和金融结合实施方案"
    return title


def _letterhead(front: list[str], number_at: int | None) -> list[str]:
    """Issuer lines above the 文号 (or above the title when there is none)."""
    orgs = []
    for line in front[: number_at if number_at is not None else 3]:
        m = LETTERHEAD.fullmatch(line)
        org = m.group("org") if m else line
        if line_grammar.is_org_name(org):
            orgs.append(org)
    return orgs


def _offsets(text: str) -> dict[int, int]:
    """Where each paragraph of ``text`` starts, by its index among the
    non-empty paragraphs."""
    out, start, k = {}, 0, 0
    for line in text.split("\n"):
        if line:
            out[k] = start
            k += 1
        start += len(line) + 1
    return out


def _printed_words(normalised: NormalisedText, start: int, end: int) -> list[str]:
    """``text[start:end]`` cut where the raw text has whitespace between two
    characters (the normaliser removed it): a signature line printing joint
    issuers side by side, "科学技术部　财政部　教育部"."""
    text, raw, offsets = normalised.text, normalised.raw, normalised.raw_offsets
    words, begin = [], start
    for i in range(start, end - 1):
        if any(ch.isspace() for ch in raw[offsets[i] + 1 : offsets[i + 1]]):
            words.append(text[begin : i + 1])
            begin = i + 1
    words.append(text[begin:end])
    return words


def _signatories(normalised: NormalisedText, line: str, start: int) -> list[str]:
    """The issuers on one signature line: one, or several printed side by side."""
    words = _printed_words(normalised, start, start + len(line))
    if len(words) > 1 and all(line_grammar.is_org_name(w) for w in words):
        return words
    return [line]


def _names_issuers(line: str) -> bool:
    """A line of issuer names only, not a letterhead ("…文件")."""
    return bool(line) and not line.endswith("文件") and line_grammar.is_org_name(line)


def _labelled_fields(
    normalised: NormalisedText, paragraphs: list[str], starts: dict[int, int]
) -> dict[str, tuple[str, str]]:
    """Fields a web page printed as "label: value" cells at the top of the
    text ("建议标题:\t关于…的建议", "主办单位(分办单位):\t科技厅"), read with
    the labels of a file's own metadata (FILE_LABELS): name -> (value, line)."""
    found: dict[str, tuple[str, str]] = {}
    for k, paragraph in enumerate(paragraphs[:LABELLED_LINES]):
        words = _printed_words(normalised, starts[k], starts[k] + len(paragraph))
        for label, value in zip(words, words[1:], strict=False):
            if not label.endswith(("：", ":")) or value.endswith(("：", ":")):
                continue
            name = _field_of_label(LABEL_NOTE.sub("", label.rstrip("：:")))
            if name is None or name in found:
                continue
            if name == "issued_on":
                when = _file_date(value)
                if when is None:
                    continue
                value = when.isoformat()
            found[name] = (value, paragraph)
    return found


def _field_of_label(label: str) -> str | None:
    return next((name for name, labels in FILE_LABELS if label in labels), None)


def _history(front: list[str]) -> list[tuple[date, str, str, str]]:
    """(date, who acted, verb, line) of the adoption history under a law's or
    regulation's title: lines of the front matter that open with a date."""
    return [
        (when, org, verb, p)
        for p in front
        if HISTORY_LINE.match(p)
        for when, org, verb in line_grammar.history_events(p)
    ]


def detect_meta(normalised: NormalisedText) -> DocumentMeta:
    paragraphs = [p for p in normalised.text.split("\n") if p]
    starts = _offsets(normalised.text)
    front, outlined = _front_matter(paragraphs)
    fields: dict[str, MetaField] = {}

    def keep(name: str, value: str, line: str, confidence: float) -> None:
        if name == "title":
            value = value.lstrip(TITLE_MARKS)  # "★中共文成县委…若干意见"
        fields.setdefault(name, MetaField(value, line, confidence))

    number_at = next((k for k, p in enumerate(front) if line_grammar.is_doc_number(p)), None)
    if number_at is None:
        # "（皖政办秘〔2021〕82号）": a database copy prints it in brackets.
        number_at = next(
            (k for k, p in enumerate(front) if line_grammar.bracketed_doc_number(p)), None
        )
    if number_at is not None:
        number = line_grammar.bracketed_doc_number(front[number_at]) or front[number_at]
        keep("doc_number", number, front[number_at], SURE)
    if order := line_grammar.order_head(front):
        # "广东省人民政府令" / "（第290号）": the order's issuer and number
        keep("issuer", order[0], order[2], SURE)
        keep("doc_number", order[1], order[2], SURE)
    mark = _letterhead(front, number_at)
    if mark:
        keep("issuer_mark", "、".join(mark), "\n".join(mark), LIKELY)

    labelled = _labelled_fields(normalised, paragraphs, starts)
    issued = list(
        dict.fromkeys(t for t in line_grammar.issued_documents(paragraphs, front).values() if t)
    )
    if len(issued) == 1:
        keep("title", issued[0], issued[0], SURE)
    title_issuers: tuple[list[str], str] | None = None
    title_at = next((k for k, p in enumerate(front) if line_grammar.is_title_line(p)), None)
    if title_at is not None:
        line = front[title_at]
        following = front[title_at + 1] if title_at + 1 < len(front) else ""
        above = front[title_at - 1] if title_at > 0 else ""
        if policy := line_grammar.issued_policy(line, following):
            # "关于修订印发《X》的通知" then "X": the text is the policy X
            keep("title", policy, following, LIKELY)
        elif (
            outlined
            and not issued
            and not any(line_grammar.attachment_label(p) for p in paragraphs)
            and (one := _one_issued(line))
        ):
            # "…关于印发X的通知" printed above X's outline, with no 附件 label
            # and no title line of X (the copy lost it): the text is X
            keep("title", one, line, LIKELY)
        elif line.startswith("关于") and _names_issuers(above):
            # "中共柳河县委　柳河县人民政府" / "关于…的实施意见": the issuers
            # printed side by side open the title, and are its issuers
            keep("title", above + line, f"{above}\n{line}", SURE)
            title_issuers = (_signatories(normalised, above, starts[title_at - 1]), above)
        if PERIOD_LINE.fullmatch(following):
            # "智慧健康养老产业发展行动计划" / "（2021-2025 年）": the period the
            # plan covers, printed under its title, is part of it
            keep("title", line + following, f"{line}\n{following}", LIKELY)
        keep("title", line, line, SURE if ABOUT_TITLE.fullmatch(line) else LIKELY)
        if following.endswith("：") and "。" not in following:
            keep("addressees", following.rstrip("："), following, LIKELY)
        if dated := line_grammar.bracketed_date(following):
            keep("dated_on", dated.isoformat(), following, LIKELY)
    else:
        if "title" in labelled:
            keep("title", *labelled["title"], LIKELY)
        for k, p in enumerate(front[:2]):
            if (m := HEADLINE.fullmatch(p)) and line_grammar.is_org_name(m.group("org")):
                keep("title", m.group("title"), p, LIKELY)
                orgs = _signatories(normalised, m.group("org"), starts[k])
                keep("issuer", "、".join(orgs), p, LIKELY)
        for p in front:
            if title := line_grammar.forwarded_title(p):
                keep("title", title, p, GUESS)
                break

    for k in range(len(paragraphs) - 1, -1, -1):
        issued_on = line_grammar.parse_date_line(paragraphs[k])
        if issued_on is None and k == len(paragraphs) - 1 and line_grammar.is_org_name(paragraphs[k]):
            # A signature without a date ends the text (a reply "…的关心和支持！" / "民政部").
            keep("signed_by", paragraphs[k], paragraphs[k], LIKELY)
        if issued_on is not None:
            keep("issued_on", issued_on.isoformat(), paragraphs[k], SURE)
            signatories, lines = [], []
            j = k - 1
            while j >= 0 and len(lines) < MAX_SIGNATORIES and line_grammar.is_org_name(paragraphs[j]):
                signatories[:0] = _signatories(normalised, paragraphs[j], starts[j])
                lines.insert(0, paragraphs[j])
                j -= 1
            if signatories:
                keep("issuer", "、".join(signatories), "\n".join(lines), SURE)
            break

    history = _history(front)
    for when, _, verb, line in sorted(history, key=lambda event: event[0], reverse=True):
        keep(line_grammar.HISTORY_DATES[verb], when.isoformat(), line, SURE)
    if history:
        # The text in force is the one of the last event; a city's regulation
        # is passed by its congress and approved by the province's: both.
        when, _, _, line = max(history, key=lambda event: event[0])
        keep("issued_on", when.isoformat(), line, LIKELY)
        orgs = list(dict.fromkeys(org for _, org, _, _ in history))
        lines = list(dict.fromkeys(line for _, _, _, line in history))
        keep("issuer", "、".join(orgs), "\n".join(lines), LIKELY)
    if history:
        # A regulation promulgated or revised by an order: the order of the
        # text in force is its 文号 ("中华人民共和国国务院令第796号"); so is the
        # announcement that published it after its last adoption or approval
        # ("2011年12月7日 杭州市第十一届人民代表大会常务委员会公告第56号公布").
        last = max(when for when, _, _, _ in history)
        for p in front:
            for when, number in line_grammar.history_orders(p):
                if when >= last:
                    keep("doc_number", number, p, LIKELY)
    if title_issuers:
        keep("issuer", "、".join(title_issuers[0]), title_issuers[1], LIKELY)
    if "signed_by" in fields:
        keep("issuer", fields["signed_by"].value, fields["signed_by"].line, LIKELY)
    if "dated_on" in fields:
        keep("issued_on", fields["dated_on"].value, fields["dated_on"].line, LIKELY)
    for name in ("issuer", "doc_number", "issued_on"):
        if name in labelled:
            keep(name, *labelled[name], LIKELY)
    if "issuer_mark" in fields and number_at is not None:
        # No signature names the issuers (a copy that lost it, or seals only):
        # the letterhead above the 文号 does (GB/T 9704 发文机关标志).
        keep("issuer", fields["issuer_mark"].value, fields["issuer_mark"].line, GUESS)
    if title_at is not None and (opener := TITLE_ISSUER.match(front[title_at])):
        # No signature, letterhead or history: the body that opens the title
        # ("上海市人民政府关于…的若干意见", "包头市人民政府办公室关于印发…的通知").
        if line_grammar.is_org_name(opener.group("org")):
            # joint ones side by side: "中共中央 国务院关于…"
            orgs = _signatories(normalised, opener.group("org"), starts[title_at])
            keep("issuer", "、".join(orgs), front[title_at], GUESS)
    if effective := line_grammar.effective_date(normalised.text):
        keep("effective_on", effective[0].isoformat(), effective[1], SURE)

    for p in paragraphs[-6:]:
        if m := PRINTED.fullmatch(p):
            printed_on = line_grammar.parse_date_line(m.group("date"))
            if m.group("org"):
                keep("printed_by", m.group("org"), p, SURE)
            if printed_on:
                keep("printed_on", printed_on.isoformat(), p, SURE)
    for fallback in ("printed_on", "effective_on"):
        # Without a 成文日期 or an adoption date, the next best date says when
        # the text was printed, or else when it takes effect.
        if fallback in fields:
            keep("issued_on", fields[fallback].value, fields[fallback].line, GUESS)
    attachments = [
        m.group("title")
        for p in paragraphs
        if (m := ATTACHMENT.fullmatch(p)) and len(p) <= 80
        # "附件1　申报编号：" is a field of the attachment's first page
        and not m.group("title").endswith(("：", ":"))
    ]
    if attachments:
        keep("attachments", "；".join(attachments), "\n".join(attachments), LIKELY)

    def value(name: str) -> str | None:
        return fields[name].value if name in fields else None

    title = value("title")
    issued = value("issued_on")
    return DocumentMeta(
        title=title,
        doc_number=value("doc_number"),
        issuer=value("issuer"),
        issued_on=date.fromisoformat(issued) if issued else None,
        doc_type=line_grammar.doc_type_of(title) if title else None,
        fields=fields,
    )


def _file_date(text: str) -> date | None:
    if parsed := line_grammar.parse_date_line(text.replace(" ", "")):
        return parsed
    m = FILE_DATE.search(text)
    if m is None:
        return None
    try:
        return date(*(read_chinese(g) for g in m.groups()))
    except ValueError:
        return None


# A web page's metadata table labels → DocumentMeta fields, whether the page
# gives them as its metadata or they were copied into the text as "label:
# value" cells (a 人大建议 answered on a department's site: 建议标题, 主办单位).
FILE_LABELS = (
    ("title", ("标题", "ArticleTitle", "Title", "建议标题", "提案标题")),
    ("doc_number", ("发文字号", "文号")),
    ("issuer", ("发文机关", "发布机构", "主办单位")),
    # 发布日期 / PubDate is when the site published the page, not the
    # document's date: never used for issued_on.
    ("issued_on", ("成文日期",)),
)


def fill_from_file(meta: DocumentMeta, file_meta: dict[str, str]) -> DocumentMeta:
    """Fill the fields the text is silent on from the file's own metadata."""
    for name, labels in FILE_LABELS:
        if getattr(meta, name) is not None:
            continue
        for label in labels:
            raw = (file_meta.get(label) or "").strip()
            if not raw:
                continue
            value = _file_date(raw) if name == "issued_on" else raw
            if value:
                setattr(meta, name, value)
                meta.fields[name] = MetaField(str(value), f"{label}：{raw}", LIKELY)
                break
    if meta.doc_type is None and meta.title:
        meta.doc_type = line_grammar.doc_type_of(meta.title)
    return meta
