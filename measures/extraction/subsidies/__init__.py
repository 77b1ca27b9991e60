"""Subsidy rules: support with an amount or a ratio, and the named schemes without one.

Pure Python (no Django).  ``extract_subsidies(text, offset=, lead_in=)``
returns one ``ExtractedSubsidy`` per rule.  Numbers come from the shared
parser ``documents.extraction.quantities`` (never re-parsed here); this package
only decides which money amounts and percentages are support rules and reads
the words around them.  Its modules, in the order a rule is found:

* ``rules``: the tables (data): patterns of roles, mentions, ceilings;
* ``clauses``: clause cutting: a sentence's *rule segments* (a new rule opens
  at a 对…的X clause or after "；"/"："), and the 对…X *object clause* that
  says whom a segment's rule is for;
* ``anchors``: which money amounts and percentages of a segment are support
  rules (a support word in the clause, no statistic or paid-out word), and
  their kind;
* ``roles``: beneficiary, funding source, basis, per;
* ``assembly``: rules from anchors (a ratio followed by a ceiling is one rule
  with a cap: "技术交易额10%、最高不超过50万元") and, with no anchor, from
  schemes named without an amount (000 （七） "给予一定补贴", 002 "给予后补
  助支持", "四免三贴"'s 免收…费用 and …贷款贴息).

Money reported as paid out (兑现/拨付/下达/共计…: "2022年共兑现补助资金3200
万元") is a figure for ``targets.extraction``, not a rule; both extractors read
that vocabulary from ``documents.extraction.money_words``.  The kinds of
subsidy and their trigger words are ``measures.subsidy_kinds``.

Lists (a 第X条 "…对…作出重要贡献的人员给予奖励：" and its items "（一）…从净收
入中提取不低于百分之七十的比例；"): the caller passes the parent's text as
``lead_in``; when it ends on a support word it lends the items its kind and
beneficiary, so an item's share or amount needs no support word of its own
(but still no statistic word, and no 的-condition: "（一）上年度研发投入不低
于500万元的；" lists who qualifies).  A percentage reward to people out of what
a 科技成果 earns (净收入, 作价投资…) is an ``inventor_share``; the share's basis
is what it is taken from ("从X中提取").
"""

from measures.extraction.subsidies.assembly import extract_subsidies

__all__ = ["extract_subsidies"]
