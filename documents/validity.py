"""A document's validity as stored, and its status on any day.

The period is read from the text at every ingest
(``documents.extraction.validity``, stored by ``documents.ingest``); a
curator may correct it or link the later document that replaces it
(``documents.curation.document``).  What a stored period means on a given
day is decided here, twice over: ``status_of`` for one document in Python,
``in_force_q`` and ``status_case`` for querysets.  The tests hold the two to
the same answer on every document and day.

- 已被替代: a curator linked a replacing document and the day is on or after
  the day it applies from (``replaced_on``; unknown: every day);
- 尚未施行: a draft for comment, or a day before ``valid_from``;
- 已到期: a day after ``valid_until``;
- 有效期不明: neither bound known (the text and its header say nothing);
- 现行有效: otherwise.  A document with only an end date is in force up
  to it.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _


class ValidityBasis(models.TextChoices):
    TERM = "term", _("有效期（原文载明）")
    PLAN_PERIOD = "plan_period", _("规划期")
    EFFECTIVE_DATE = "effective_date", _("施行日期（原文载明）")
    EFFECTIVE_ON_ISSUE = "effective_on_issue", _("自印发或公布之日起施行")
    ISSUED_DATE = "issued_date", _("成文日期（原文未另行规定）")
    INFERRED = "inferred", _("推断（原文无日期）")
    # A notice that states no period of its own applies while the policies
    # it issues apply (``Document.parts``).
    ISSUED_PARTS = "issued_parts", _("随所印发文件")
    DRAFT = "draft", _("征求意见稿（未施行）")
    CURATED = "curated", _("人工核定")
    UNKNOWN = "unknown", _("原文未载明")


class ValidityStatus(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    EXPIRED = "expired", _("已到期")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("尚未施行")
    REPLACED = "replaced", _("已被替代")
    UNKNOWN = "unknown", _("有效期不明")


# The rules of ``documents.extraction.validity`` as the pages name them
# beside the sentence each one read.
RULE_LABELS = {
    "term_range": "有效期起止",
    "term_until": "有效期至",
    "term_years": "有效期限",
    "filing_deadline": "申报截止日期",
    "effective_date": "施行日期",
    "effective_on_issue": "自印发或公布之日起施行",
    "plan_period_text": "规划期",
    "plan_period_title": "标题中的规划期",
    "plan_period": "规划期",
    "issued_date": "成文日期",
    "adoption_history": "通过或修订日期",
    "draft": "征求意见稿",
    "repeal": "同时废止",
    "cited_event": "所贯彻的会议（不早于其日期）",
    "cited_number": "所引文件的文号年份（不早于该年）",
    "deadline": "原文所定的最后期限",
}


def status_of(
    day: date,
    *,
    valid_from: date | None,
    valid_until: date | None,
    basis: str,
    replaced_by_id: int | None = None,
    replaced_on: date | None = None,
) -> str:
    """The ``ValidityStatus`` value of a stored validity on ``day``."""
    if replaced_by_id is not None and (replaced_on is None or day >= replaced_on):
        return ValidityStatus.REPLACED
    if basis == ValidityBasis.DRAFT or (valid_from is not None and day < valid_from):
        return ValidityStatus.NOT_YET_IN_FORCE
    if valid_until is not None and day > valid_until:
        return ValidityStatus.EXPIRED
    if valid_from is None and valid_until is None:
        return ValidityStatus.UNKNOWN
    return ValidityStatus.IN_FORCE


def _conditions(day: date, prefix: str) -> dict[str, Q]:
    def q(**lookups):
        return Q(**{prefix + name: value for name, value in lookups.items()})

    replaced = q(replaced_by__isnull=False) & (
        q(replaced_on__isnull=True) | q(replaced_on__lte=day)
    )
    not_yet = q(validity_basis=ValidityBasis.DRAFT) | q(valid_from__gt=day)
    expired = q(valid_until__lt=day)
    unknown = q(valid_from__isnull=True, valid_until__isnull=True)
    return {
        ValidityStatus.REPLACED: replaced,
        ValidityStatus.NOT_YET_IN_FORCE: not_yet,
        ValidityStatus.EXPIRED: expired,
        ValidityStatus.UNKNOWN: unknown,
    }


def in_force_q(day: date, prefix: str = "") -> Q:
    """Documents in force on ``day`` (``prefix`` "document__" from a part)."""
    excluded = Q()
    for condition in _conditions(day, prefix).values():
        excluded |= condition
    return ~excluded


def status_case(day: date, prefix: str = "") -> Case:
    """The ``ValidityStatus`` value on ``day``, as a query expression; the
    order of the ``When`` clauses is that of ``status_of``."""
    return Case(
        *(When(condition, then=Value(status.value))
          for status, condition in _conditions(day, prefix).items()),
        default=Value(ValidityStatus.IN_FORCE.value),
        output_field=models.CharField(),
    )
