"""How an answer of the matcher is written: the API's JSON (and its OpenAPI
schema), the page's rows and the CSV export all read these serializers."""

import functools

from rest_framework import serializers

from documents.validity import ValidityStatus
from measures.extraction.eligibility.terms import PER_LABELS

from .matching import LISTS, Answer, Match
from .serializers import SUBSIDY_FIELDS, SubsidySerializer

CONDITION_STATUSES = {"met": "符合", "failed": "不符合", "unknown": "待确认"}


class ConditionSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="What the condition is about: place, area, group, unit, event, sector, "
        "threshold, vague, local."
    )
    kind_label = serializers.CharField(help_text="The kind in Chinese.")
    label = serializers.CharField(help_text="The condition as the matcher names it.")
    words = serializers.CharField(help_text="The words of the clause it was read from.")
    status = serializers.ChoiceField(
        choices=list(CONDITION_STATUSES),
        help_text="met, failed or unknown (the profile does not settle it).",
    )
    start = serializers.IntegerField(
        allow_null=True, help_text="Offset of the words in the document's text (null: title)."
    )
    end = serializers.IntegerField(allow_null=True, help_text="Offset where the words end.")


class ValiditySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ValidityStatus.choices, help_text="The document's status on as_of."
    )
    label = serializers.CharField(help_text="The status in Chinese (现行有效, 已到期 …).")
    valid_from = serializers.DateField(allow_null=True, help_text="First day it applies.")
    valid_until = serializers.DateField(allow_null=True, help_text="Last day it applies.")


class EligibilitySerializer(serializers.Serializer):
    region = serializers.CharField(help_text="Place the rule reaches (path; '' nationwide).")
    region_name = serializers.CharField(help_text="The place as written: 吉林省通化市柳河县, 全国.")
    area = serializers.CharField(help_text="A narrower area named by the rule, if any.")
    per = serializers.CharField(
        help_text="What the amount is paid per: once, item, item_once, year, person, "
        "person_month, mu, or '' when unstated."
    )
    per_label = serializers.CharField(help_text="The same in Chinese.")
    conditions = ConditionSerializer(
        many=True, help_text="Every condition of the rule weighed against the profile."
    )


class MatchedFieldsMixin(serializers.Serializer):
    """What every matched rule or measure carries besides its own fields."""

    type = serializers.ChoiceField(
        choices=["subsidy", "measure"], help_text="A subsidy rule or a measure of support in kind."
    )
    clause_url = serializers.CharField(help_text="Link to the clause on the site.")
    document_title = serializers.CharField(help_text="Title of the document.")
    validity = ValiditySerializer(
        source="matched_validity", help_text="The document's validity on as_of."
    )
    eligibility = EligibilitySerializer(
        source="matched_eligibility", help_text="Who may apply, where, and on what."
    )


class MatchedSubsidySerializer(MatchedFieldsMixin, SubsidySerializer):
    """A subsidy rule in the answer: its fields as /api/v1/subsidies/ names them."""

    class Meta(SubsidySerializer.Meta):
        fields = [*SubsidySerializer.Meta.fields, *MatchedFieldsMixin._declared_fields]


class MatchedMeasureSerializer(MatchedFieldsMixin):
    id = serializers.IntegerField(help_text="Numeric measure id.")
    summary = serializers.CharField(help_text="The commitment as stated in the text.")
    document = serializers.CharField(help_text=SUBSIDY_FIELDS["document"])
    provision = serializers.IntegerField(help_text="Id of the provision stating the measure.")


class ReadingSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="group, unit, region, event or sector.")
    key = serializers.CharField(help_text="The key it was read as.")
    label = serializers.CharField(help_text="Its name in Chinese.")
    words = serializers.CharField(help_text="The words of the profile it was read from.")


class MatchResponseSerializer(serializers.Serializer):
    profile = serializers.DictField(
        help_text="The profile as read, in the structured form (group, unit, region, area, "
        "event, event_words — events in words no row of the table names, matched by their "
        "words — sector and numbers): a free-text profile is echoed this way."
    )
    readings = ReadingSerializer(many=True, help_text="How each part of the profile was read.")
    as_of = serializers.DateField(help_text="The day the question is asked on.")
    count = serializers.IntegerField(help_text="Number of current subsidy rules (results).")
    results = MatchedSubsidySerializer(
        many=True,
        help_text="Subsidy rules with an amount or a ratio, of documents in force on as_of, "
        "most money first.",
    )
    support = serializers.ListField(
        child=serializers.DictField(),
        help_text="Support without an amount and measures of support in kind (priority, "
        "green channels), of documents in force; listed after the money.",
    )
    expired = MatchedSubsidySerializer(
        many=True, help_text="Rules that would apply but whose document has expired or been "
        "replaced on as_of."
    )
    not_yet_in_force = MatchedSubsidySerializer(
        many=True, help_text="Rules that would apply but whose document is not yet in force "
        "on as_of (drafts for comment included)."
    )
    validity_unknown = MatchedSubsidySerializer(
        many=True, help_text="Rules that would apply but whose document states no period that "
        "could be read (有效期不明): never shown as current; check the document first."
    )


def _prepared(found: Match):
    """The rule (or measure) of ``found`` with what the serializers read."""
    rule = found.rule
    eligibility = found.eligibility
    document = eligibility.document
    rule.document = document
    rule.provision.document = document
    rule.type = "subsidy" if eligibility.subsidy_id else "measure"
    anchor = f"#subsidy-{rule.pk}" if eligibility.subsidy_id else ""
    rule.clause_url = rule.provision.get_absolute_url() + anchor
    rule.document_title = document.display_title
    rule.matched_validity = {
        "status": found.status,
        "label": ValidityStatus(found.status).label,
        "valid_from": document.valid_from,
        "valid_until": document.valid_until,
    }
    rule.matched_eligibility = {
        "region": eligibility.region,
        "region_name": eligibility.region.replace("/", "") or "全国",
        "area": eligibility.area,
        "per": eligibility.per,
        "per_label": PER_LABELS.get(eligibility.per, ""),
        "conditions": [v.as_dict() for v in found.verdicts],
    }
    return rule


def _measure_data(rule) -> dict:
    return {
        **{name: getattr(rule, name) for name in (
            "type", "clause_url", "document_title", "matched_validity",
            "matched_eligibility", "summary")},
        "id": rule.pk,
        "document": rule.document.key,
        "provision": rule.provision_id,
    }


@functools.cache
def _writers():
    """One serializer of each kind for the process: DRF builds a
    serializer's fields (some 10 ms for a ModelSerializer) once per
    instance, and ``to_representation`` keeps no state between rows."""
    return MatchedSubsidySerializer(), MatchedMeasureSerializer()


def matched(found_list: list[Match]) -> list[dict]:
    """The rules and measures of one list of an answer, in its order."""
    subsidy_writer, measure_writer = _writers()
    out = []
    for found in found_list:
        rule = _prepared(found)
        if rule.type == "subsidy":
            out.append(subsidy_writer.to_representation(rule))
        else:
            out.append(measure_writer.to_representation(_measure_data(rule)))
    return out


def answer_data(answer: Answer) -> dict:
    """The answer as the API writes it (``MatchResponseSerializer``)."""
    profile = answer.profile
    return {
        "profile": profile.structured(),
        "readings": profile.readings,
        "as_of": profile.as_of.isoformat(),
        "count": len(answer.results),
        **{
            name: matched(getattr(answer, name))
            for name in LISTS
        },
    }


CSV_HEADER = (
    "列表", "金额上限（元）", "金额下限（元）", "比例（%）", "计量方式", "支持对象",
    "符合的条件", "待确认的条件", "原文", "文件", "效力状态", "条款链接",
)
LIST_LABELS = {
    "results": "可申请（现行有效）",
    "support": "其他支持（无金额）",
    "expired": "已失效文件",
    "not_yet_in_force": "尚未施行文件",
    "validity_unknown": "有效期不明文件",
}


def csv_rows(data: dict, base_url: str):
    """One CSV row per rule of an answer (``answer_data``)."""
    for name, label in LIST_LABELS.items():
        for rule in data[name]:
            conditions = rule["eligibility"]["conditions"]
            yield [
                label,
                rule.get("amount_max") or rule.get("cap") or "",
                rule.get("amount_min") or "",
                rule.get("ratio_percent") or "",
                rule["eligibility"]["per_label"],
                rule.get("beneficiary") or rule.get("summary", ""),
                "；".join(c["label"] for c in conditions if c["status"] == "met"),
                "；".join(c["label"] for c in conditions if c["status"] == "unknown"),
                rule.get("source_text") or rule.get("summary", ""),
                rule["document_title"],
                rule["validity"]["label"],
                base_url + rule["clause_url"],
            ]

