"""Conditions a reward clause states of the applicant's unit or result,
which a profile may settle (met, failed) or leave unknown:

* ``own_reward_rule`` — the statutory shares are defaults: "科技成果完成单位未
  规定、也未与科技人员约定奖励和报酬的方式和数额的，按照下列标准…" binds a unit
  only without a rule or agreement of its own ("公司有自己的成果转化奖励办法"
  fails it, "单位没有规定" meets it);
* ``public_unit`` — "政府设立的科学技术研究开发机构、高等学校按照下列标准…": a
  民办高校 is not one, a 市属高校 is;
* ``public_funds`` — "全部或者主要利用财政性资金完成的职务科技成果": a result
  made with a firm's money ("用企业委托的横向课题经费做的") is not one;
* ``shares_agreed`` — "约定按份共有的，…份额不低于百分之七十": ownership held in
  common (共同共有) is not.

Pure Python (no Django).
"""

from __future__ import annotations

import re

from measures.extraction.eligibility.term import Term

# "未规定、也未与科技人员约定奖励和报酬的方式和数额的", "没有规定也没有约定的"
DEFAULT_RE = re.compile(r"(?:未|没有)规定[、，,]?(?:也|又)?(?:未|没有)[^，。；]{0,10}约定")
# What a line says of the unit's own rule: "公司有自己的成果转化奖励办法",
# "学校制定了奖励规定", "跟单位签了奖励协议" / "单位没有规定", "也没约定".
OWN_RULE_RE = re.compile(
    r"(?:有|制定了?|出台了?|定了)(?:自己的|本单位的|内部的|专门的)?[^，。；]{0,10}"
    r"(?:奖励|报酬|转化)[^，。；]{0,4}(?:办法|制度|规定|细则)"
    # an agreement on the reward, not any contract ("签了许可合同给一家药企" is the deal)
    r"|(?:约定了?|签了?|签订了?)[^，。；]{0,8}(?:奖励|报酬|收益分配)"
)
NO_OWN_RULE_RE = re.compile(r"(?:没有?|未)[^，。；]{0,4}(?:规定|约定|奖励办法|制度)")
DETAIL_KEY_RE = re.compile(r"奖励办法|奖励规定|奖励制度|约定")
YES_RE = re.compile(r"^(?:是|有|yes|true|已)", re.I)
NO_RE = re.compile(r"^(?:否|无|没|未|no|false)", re.I)


# "政府设立的科学技术研究开发机构、高等学校", "国家设立的研究开发机构"
PUBLIC_UNIT_RE = re.compile(r"(?:政府|国家)设立的[^，。；：]{0,12}(?:机构|学校|院校|高校)")
PUBLIC_FUNDS_RE = re.compile(r"(?:全部或者?|全部或)?主要?利用财政性?(?:资金|经费)")
SHARES_RE = re.compile(r"约定按份共有的")


def unit_rule_terms(lead_in: str, sentence: str, paragraph: str) -> list[Term]:
    """The conditions of a reward rule stated in its ``lead_in`` and
    ``sentence`` (the default share, the public unit, shares agreed) or in its
    ``paragraph`` before it (the public funds)."""
    terms = []
    for key, label, pattern, words in (
        ("own_reward_rule", "单位未规定、也未约定奖励", DEFAULT_RE, lead_in + sentence),
        ("public_unit", "政府设立的单位", PUBLIC_UNIT_RE, lead_in + sentence),
        ("public_funds", "利用财政性资金完成", PUBLIC_FUNDS_RE, lead_in + paragraph),
        ("shares_agreed", "约定按份共有", SHARES_RE, sentence),
    ):
        m = pattern.search(words)
        if m:
            value = "no" if key == "own_reward_rule" else "yes"
            terms.append(Term("case", key, label, m.group(), value=value))
    return terms


def read_own_rule(details: dict[str, str], text: str) -> bool | None:
    """Whether the applicant's unit has a reward rule or agreement of its own,
    as the details or the line say (None when they do not)."""
    for key, value in details.items():
        if DETAIL_KEY_RE.search(str(key)):
            value = str(value).strip()
            if NO_RE.match(value):
                return False
            if YES_RE.match(value) or OWN_RULE_RE.search(value):
                return True
    return _said(text, NO_OWN_RULE_RE, OWN_RULE_RE)


def _said(text: str, no: re.Pattern, yes: re.Pattern) -> bool | None:
    """False where ``text`` says no (said first: "没有规定"), True where it says
    yes, None where it says neither."""
    if no.search(text):
        return False
    return True if yes.search(text) else None


# What a line says of its unit, its money and its ownership.
PRIVATE_UNIT_RE = re.compile(r"(?:民办|私立|民营)(?:高校|大学|学院|高等学校|科研院所|研究院|研究所|医院)")
PUBLIC_SAID_RE = re.compile(
    r"(?:公立|市属|省属|部属|区属|政府设立的|国家设立的|国立)(?:高校|大学|学院|高等学校|科研院所|研究院|研究所|医院)"
    r"|(?:中科院|中国科学院)"
)
NO_PUBLIC_FUNDS_RE = re.compile(
    r"(?:没用|没有用|未使用|没有使用|不是用?)[^，。；]{0,4}财政|横向课题|企业(?:委托|出资|出的钱|的钱|给的)"
)
PUBLIC_FUNDS_SAID_RE = re.compile(r"财政(?:性)?(?:资金|经费|拨款)|纵向(?:课题|项目)|国家(?:项目|课题)")
UNIT_KIND_KEY = "单位性质"


def read_unit_cases(details: dict[str, str], text: str) -> dict[str, bool | None]:
    """public_unit, public_funds and shares_agreed as the details or the line
    say them (None where they do not)."""
    said = text + "".join(f"{k}{v}" for k, v in details.items())
    kind = details.get(UNIT_KIND_KEY)  # a form's unit, as 民办 or 公立
    public = False if kind == "民办" else _said(said, PRIVATE_UNIT_RE, PUBLIC_SAID_RE)
    return {
        "public_unit": True if public is None and kind == "公立" else public,
        "public_funds": _said(said, NO_PUBLIC_FUNDS_RE, PUBLIC_FUNDS_SAID_RE),
        "shares_agreed": True if "按份共有" in said else (False if "共同共有" in said else None),
    }
