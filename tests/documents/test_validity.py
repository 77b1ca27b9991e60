"""The period each document applies in, read from its text, with the sentence
that says so.

Expected periods were written by reading each text (the genre documents and
the 19 documents of tests/data/corpus/dev); the five bundled documents are
checked after ingest in tests/policybase/test_validity.py.  Each document is
read as the ingest reads a source without a curated manifest entry: the
header's title and date, the plan period its title names.  Then sentences in
the same style with other dates, and the sentences that must not count.
"""

from datetime import date
from pathlib import Path

import pytest

from documents.extraction.periods import plan_period_of
from documents.extraction.validity import add_term, read_validity
from documents.parsing.pipeline import parse_document

DATA = Path(__file__).resolve().parents[1] / "data"
D = date.fromisoformat


def validity_of(path: Path):
    parsed = parse_document(path.read_bytes(), max_bytes=5_000_000)
    meta = parsed.meta
    validity = read_validity(
        parsed.normalised.text,
        title=meta.title,
        issued_on=meta.issued_on,
        plan_period=plan_period_of(meta.title) if meta.title else None,
    )
    return validity, parsed.normalised.text


def check_evidence(validity, text, rule, quote):
    """The rule's sentence holds ``quote`` and is the slice of the text at its
    offsets."""
    [found] = [e for e in validity.evidence if e.rule == rule][:1]
    assert quote in found.text, (rule, found.text)
    if found.start is not None:
        assert text[found.start : found.end] == found.text


# key: (valid_from, valid_until, basis, (rule, quote of its sentence), repeals)
DEV = {
    "bj-regulation-international-st-innovation-centre-2024": (
        "2024-03-01", None, "effective_date",
        ("effective_date", "第七十六条本条例自2024年3月1日起施行。"), (),
    ),
    "cn-gov-decision-national-st-awards-2018": (
        "2018-12-28", None, "issued_date", ("issued_date", "2018年12月28日"), (),
    ),
    "cn-gov-notice-second-batch-innovation-reforms-2018": (
        "2018-12-23", None, "issued_date", ("issued_date", "2018年12月23日"), (),
    ),
    "cn-gov-reply-tech-water-saving-suggestion-2005": (
        "2005-03-03", None, "issued_date", ("issued_date", "二〇〇五年三月三日"), (),
    ),
    # 本法自公布之日起施行: the consolidated text is the one published with its
    # latest amendment, the last line of its history.
    "cn-law-agricultural-technology-extension-2024": (
        "2024-04-26", None, "effective_on_issue",
        ("effective_on_issue", "第三十九条本法自公布之日起施行。"), (),
    ),
    "cn-law-science-popularization-2024": (
        "2024-12-25", None, "effective_on_issue",
        ("effective_on_issue", "第六十条本法自公布之日起施行。"), (),
    ),
    # Revised in 2024, yet the text keeps the date of the 2020 revision.
    "cn-regulation-national-st-awards-2024": (
        "2020-12-01", None, "effective_date",
        ("effective_date", "本条例自2020年12月1日起施行。"), (),
    ),
    # A call for applications: from its date to its last filing day, the
    # second batch's paper deadline (9月26日, the notice's year).
    "gd-dongguan-notice-high-tech-cultivation-pool-2017": (
        "2017-06-21", "2017-09-26", "term",
        ("filing_deadline", "受理纸质申请材料截止时间为9月26日。"), (),
    ),
    "gd-regulation-science-popularization-2021": (
        "2021-10-01", None, "effective_date",
        ("effective_date", "本条例自2021年10月1日起施行。"), (),
    ),
    "gd-shantou-regulation-st-innovation-2022": (
        "2022-07-01", None, "effective_date",
        ("effective_date", "本条例自2022年7月1日起施行，"),
        ("汕头经济特区促进科技成果转化条例",),
    ),
    "sd-regulation-st-achievement-transfer-2017": (
        "2018-01-01", None, "effective_date",
        ("effective_date", "本条例自2018年1月1日起施行。"), (),
    ),
    "sh-regulation-st-achievement-transfer-2017": (
        "2017-06-01", None, "effective_date",
        ("effective_date", "本条例自2017年6月1日起施行。"), (),
    ),
    "sh-regulation-st-progress-2024": (
        "2024-06-01", None, "effective_date",
        ("effective_date", "本条例自2024年6月1日起施行。"), (),
    ),
    # Drafts for comment: never in force as printed (their dates are "XX").
    "sh-xuhui-ai-industry-opinions-draft-2025": (
        None, None, "draft", ("draft", "若干意见（征求意见稿）"), (),
    ),
    "sh-xuhui-genai-pilot-zone-measures-draft-2024": (
        None, None, "draft", ("draft", "若干措施（征求意见稿）"), (),
    ),
    "sh-xuhui-low-altitude-economy-support-draft-2024": (
        None, None, "draft", ("draft", "扶持意见（试行）（征求意见稿）"), (),
    ),
    "sh-xuhui-westbund-ai-model-block-support-2024": (
        "2024-08-01", "2025-12-31", "term",
        ("term_until", "4.本意见自2024年8月1日起施行，有效期至2025年12月31日。"), (),
    ),
    "zj-regulation-technology-market-2021": (
        "2004-11-01", None, "effective_date",
        ("effective_date", "本条例自2004年11月1日起施行。"), (),
    ),
    "zj-zhoushan-regulation-st-innovation-2019": (
        "2020-03-01", None, "effective_date",
        ("effective_date", "本条例自2020年3月1日起施行。"), (),
    ),
}

GENRE = {
    "plan_songjiang_14th.txt": (
        "2021-01-01", "2025-12-31", "plan_period",
        ("plan_period_text", "规划期为2021—2025年。"), (),
    ),
    "regulation_songjiang_transfer.txt": (
        "2022-01-01", None, "effective_date",
        ("effective_date", "第十四条本条例自2022年1月1日起施行。"), (),
    ),
    "reply_songjiang_cppcc86.txt": (
        "2023-06-28", None, "issued_date", ("issued_date", "2023年6月28日"), (),
    ),
    # 有效期三年 from the day it was issued (the notice's 2023年3月15日).
    "subsidy_songjiang_beihu.txt": (
        "2023-03-15", "2026-03-14", "term",
        ("term_years", "自印发之日起施行，有效期三年。"), (),
    ),
    "subsidy_songjiang_beihu.gb18030.txt": (
        "2023-03-15", "2026-03-14", "term",
        ("effective_on_issue", "自印发之日起施行，有效期三年。"), (),
    ),
}


def _as_date(value):
    return D(value) if value else None


def check(validity, text, expected):
    valid_from, valid_until, basis, (rule, quote), repeals = expected
    assert (validity.valid_from, validity.valid_until, validity.basis) == (
        _as_date(valid_from), _as_date(valid_until), basis
    )
    check_evidence(validity, text, rule, quote)
    assert validity.repeals == repeals
    assert validity.primary is not None


def test_the_dev_corpus_is_the_one_the_table_was_written_for():
    assert sorted(DEV) == sorted(p.stem for p in (DATA / "corpus" / "dev").glob("*.txt"))


@pytest.mark.parametrize("key", sorted(DEV))
def test_corpus_document(key):
    validity, text = validity_of(DATA / "corpus" / "dev" / f"{key}.txt")
    check(validity, text, DEV[key])


@pytest.mark.parametrize("name", sorted(GENRE))
def test_genre_document(name):
    validity, text = validity_of(DATA / "genre" / name)
    check(validity, text, GENRE[name])


def test_the_amended_law_dates_itself_by_the_last_line_of_its_history():
    validity, _ = validity_of(
        DATA / "corpus" / "dev" / "cn-law-agricultural-technology-extension-2024.txt"
    )
    [history] = [e for e in validity.evidence if e.rule == "adoption_history"]
    assert history.text.startswith("2024年4月26日第十四届全国人民代表大会常务委员会")
    assert history.date == D("2024-04-26")


# -- sentences in the same style, other dates ----------------------------------------

SENTENCES = [
    # (text, header, valid_from, valid_until, basis, repeals)
    ("第五十条本办法自2023年5月1日起施行。", {}, "2023-05-01", None, "effective_date", ()),
    ("本办法自二〇一九年一月一日起施行。", {}, "2019-01-01", None, "effective_date", ()),
    ("自2021年3月1日起执行。", {}, "2021-03-01", None, "effective_date", ()),
    ("本通知自发布之日起施行，有效期2年。", {"issued_on": D("2022-09-10")},
     "2022-09-10", "2024-09-09", "term", ()),
    ("本方案自印发之日起实施，试行期6个月。", {"issued_on": D("2023-11-30")},
     "2023-11-30", "2024-05-29", "term", ()),
    ("本措施自2022年1月1日起施行，有效期至2024年12月31日。", {},
     "2022-01-01", "2024-12-31", "term", ()),
    ("本实施细则有效期自2020年7月1日至2023年6月30日。", {},
     "2020-07-01", "2023-06-30", "term", ()),
    ("本政策执行至2026年底。", {"issued_on": D("2024-04-02")},
     "2024-04-02", "2026-12-31", "term", ()),
    # A provisional term, its name after the count or none (the Liuhe opinions:
    # 2023年2月8日, "暂定三年有效期" → 2026-02-07).
    ("第26条 本政策自发布之日起施行，暂定三年有效期。",
     {"issued_on": D("2023-02-08")}, "2023-02-08", "2026-02-07", "term", ()),
    ("本政策自发布之日起施行，暂定两年有效期。", {"issued_on": D("2021-09-30")},
     "2021-09-30", "2023-09-29", "term", ()),
    ("本意见自2022年7月1日起施行，有效期暂定5年。", {},
     "2022-07-01", "2027-06-30", "term", ()),
    ("本办法自印发之日起试行两年。", {"issued_on": D("2019-04-12")},
     "2019-04-12", "2021-04-11", "term", ()),
    ("本意见自印发之日起30日后施行。", {"issued_on": D("2021-03-01")},
     "2021-03-31", None, "effective_on_issue", ()),
    ("四、本通知自下发之日起执行，有效期五年，原《某省科技计划管理办法》同时废止。",
     {"issued_on": D("2020-06-15")}, "2020-06-15", "2025-06-14", "term",
     ("某省科技计划管理办法",)),
    ("本办法自2020年1月1日起施行，《某市科技奖励办法》（某科发〔2015〕3号）同时废止。",
     {}, "2020-01-01", None, "effective_date", ("某市科技奖励办法",)),
    # A plan: the title's period, from the day it was issued.
    ("为推进科技创新，制定本计划。",
     {"title": "某市科技创新三年行动计划（2023—2025年）", "issued_on": D("2023-04-20")},
     "2023-04-20", "2025-12-31", "plan_period", ()),
    ("为推进科技创新，制定本规划。", {"title": "某省“十五五”科技创新规划"},
     "2026-01-01", "2030-12-31", "plan_period", ()),
    ("本规划期为2026—2030年。", {}, "2026-01-01", "2030-12-31", "plan_period", ()),
    # A law dated by its history, published with its latest amendment.
    ("某市科技条例\n（2019年3月1日某市第十三届人民代表大会常务委员会第十次会议通过"
     "2022年5月27日某省第十三届人民代表大会常务委员会第三十次会议修正）\n"
     "第一条为了促进科技创新，制定本条例。\n第三十条本条例自公布之日起施行。",
     {}, "2022-05-27", None, "effective_on_issue", ()),
    # Nothing said: the date of issue, open-ended.
    ("现将有关事项通知如下。", {"issued_on": D("2018-05-04")},
     "2018-05-04", None, "issued_date", ()),
    ("现将有关事项通知如下。", {}, None, None, "unknown", ()),
    # No date at all: inferred from the events it implements and its deadlines.
    ("为贯彻落实党的十八届三中全会精神，现提出如下意见。到2017年，建成10个平台；"
     "到2020年，技术合同成交额达到100亿元。", {}, "2013-11-12", "2020-12-31", "inferred", ()),
    ("为深入贯彻党的十九届五中全会精神，制定本方案。力争到2025年，高新技术企业达到3000户。",
     {}, "2020-10-29", "2025-12-31", "inferred", ()),
    ("为贯彻党的二十大精神和《某省科技创新若干措施》（某政发〔2023〕12号），现提出以下措施。",
     {}, "2023-01-01", None, "inferred", ()),
    ("到2030年，全社会研发投入强度达到3%。", {}, None, "2030-12-31", "inferred", ()),
    # A deadline older than the event the text implements is history, not its end.
    ("为贯彻党的十九大精神。到2015年已建成5个中心，到2022年建成20个中心。",
     {}, "2017-10-24", "2022-12-31", "inferred", ()),
    # A date of issue wins over any inference.
    ("为贯彻落实党的十八大精神，到2020年，建成创新型省份。", {"issued_on": D("2013-05-02")},
     "2013-05-02", None, "issued_date", ()),
    # A date left open stays open: no fallback to the date of issue.
    ("本细则自2025年X月X日起施行。", {"issued_on": D("2024-12-01")},
     None, None, "effective_date", ()),
    ("某区关于支持人工智能产业发展的若干措施（征求意见稿）\n本措施自2025年1月1日起施行。",
     {}, None, None, "draft", ()),
]


@pytest.mark.parametrize(
    "text, header, valid_from, valid_until, basis, repeals", SENTENCES
)
def test_sentence(text, header, valid_from, valid_until, basis, repeals):
    validity = read_validity(text, **header)
    assert (validity.valid_from, validity.valid_until, validity.basis) == (
        _as_date(valid_from), _as_date(valid_until), basis
    )
    assert validity.repeals == repeals
    for evidence in validity.evidence:
        if evidence.start is not None:
            assert text[evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize(
    "text",
    [
        # A term of something else.
        "高新技术企业资格自颁发证书之日起有效期为三年。",
        "本办法所称认定证书有效期为3年。",
        "本办法所称的租金补贴期限暂定3年。",
        # Another document's start.
        "《中华人民共和国专利法》自2021年6月1日起施行以来，我市专利申请量持续增长。",
        "国家于2020年1月1日起实施新的统计制度。",
        # A plan period the document only cites.
        "根据《某市低空经济产业高质量发展行动方案（2024-2027年）》精神，制定本意见。",
        # A title that repeals something, inside 《》.
        "根据《国务院关于废止和修改部分行政法规的决定》，制定本办法。",
    ],
)
def test_sentences_about_something_else_say_nothing(text):
    validity = read_validity(text, issued_on=D("2022-02-22"))
    assert (validity.valid_from, validity.valid_until, validity.basis) == (
        D("2022-02-22"), None, "issued_date"
    )
    assert validity.repeals == ()


def test_the_held_out_call_closes_on_its_last_filing_window():
    # Named in the brief as the second call of the corpus; its review window
    # (系统审核时间 2017年8月7日至9月22日) does not close it.
    validity, text = validity_of(
        DATA / "corpus" / "held-out" / "gd-dongguan-notice-patent-application-funding-2017.txt"
    )
    check(validity, text, (
        "2017-08-01", "2017-09-08", "term",
        ("filing_deadline", "系统填报：2017年8月28日至9月8日"), (),
    ))


CALL = "关于组织申报2019年科技企业孵化器认定的通知"
CALLS = [
    # (title, text, issued_on, valid_until)
    (CALL, "第一批：企业在平台提交网上申报材料的截止时间为5月10日，"
     "受理纸质申报材料截止时间为5月20日。\n第二批：截止时间为8月31日。",
     "2019-04-02", "2019-05-20"),
    (CALL, "请各单位于2019年6月30日前将申报材料报送至市科技局。", "2019-04-02", "2019-06-30"),
    (CALL, "申报材料请于七月十五日前报送。", "2019-04-02", "2019-07-15"),
    ("关于受理2018年第一批专利申请资助项目申报的通知",
     "系统填报：2018年3月5日至4月13日\n（四）系统审核时间\n2018年3月5日至4月30日",
     "2018-03-01", "2018-04-13"),
    # Issued in December, closing in January of the next year.
    ("关于征集2024年度科技计划项目的通知", "项目申报截止时间为1月15日。",
     "2023-12-20", "2024-01-15"),
]


@pytest.mark.parametrize("title, text, issued_on, valid_until", CALLS)
def test_a_call_closes_on_its_last_filing_day(title, text, issued_on, valid_until):
    validity = read_validity(text, title=title, issued_on=D(issued_on))
    assert (validity.valid_from, validity.valid_until, validity.basis) == (
        D(issued_on), D(valid_until), "term"
    )
    assert validity.primary.rule == "filing_deadline"


@pytest.mark.parametrize(
    "title, text",
    [
        # A notice issuing a policy applies past one round's deadline.
        ("关于印发《某市专利资助办法》的通知", "申请人应于6月30日前提交申请材料。"),
        # Not a call.
        ("某市科技创新条例", "申报材料的截止时间为6月30日。"),
        # A standing yearly deadline, and the dates a call's scope covers.
        (CALL, "申请人每年3月31日前提交上年度的申报材料。"),
        (CALL, "授权公告日在2019年1月1日至3月31日期间的发明专利。"),
    ],
)
def test_deadlines_that_do_not_close_a_call(title, text):
    validity = read_validity(text, title=title, issued_on=D("2019-04-02"))
    assert (validity.valid_from, validity.valid_until, validity.basis) == (
        D("2019-04-02"), None, "issued_date"
    )


@pytest.mark.parametrize(
    "start, count, unit, last",
    [
        ("2023-03-15", 3, "年", "2026-03-14"),
        ("2021-01-01", 5, "年", "2025-12-31"),
        ("2024-02-29", 1, "年", "2025-02-28"),
        ("2023-01-31", 1, "个月", "2023-02-28"),
        ("2023-11-30", 3, "个月", "2024-02-29"),
    ],
)
def test_a_term_includes_its_first_day(start, count, unit, last):
    assert add_term(D(start), count, unit) == D(last)


def test_a_text_repeating_itself_keeps_a_bounded_reading():
    # A pasted file: one sentence a hundred thousand characters long,
    # repeated; the evidence stays a few sentences, each within a window.
    sentence = "本办法自2021年1月1日起施行，有效期至2023年12月31日，《某办法》同时废止。"
    validity = read_validity(sentence * 25_000)
    assert (validity.valid_from, validity.valid_until) == (D("2021-01-01"), D("2023-12-31"))
    assert validity.repeals == ("某办法",)
    assert len(validity.evidence) <= 12
    assert all(len(e.text) <= 1000 for e in validity.evidence)
