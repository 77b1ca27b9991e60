"""The search API's response, described for the OpenAPI schema.

The view builds the response from ``engine.SearchResult`` itself (these
serializers are never asked to serialise); they document every field.
"""

from rest_framework import serializers

from documents.serializers import DOCUMENT_FIELDS, DOCUMENT_VALIDITY_FIELDS
from documents.validity import ValidityStatus


class SearchReasonSerializer(serializers.Serializer):
    term = serializers.CharField(help_text="检索词（按输入）/ the query word as typed")
    matched = serializers.CharField(help_text="条款中出现的形式 / the form found in the text")
    synonym = serializers.BooleanField(help_text="经同义词匹配 / matched through a synonym")
    phrase = serializers.BooleanField(help_text="精确短语 / a quoted exact phrase")


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="条款 id / provision id")
    document = serializers.CharField(help_text="文件键 / document key")
    document_title = serializers.CharField(help_text="文件标题 / document title")
    document_status = serializers.ChoiceField(
        choices=ValidityStatus.choices,
        help_text="文件效力状态（今日）/ " + DOCUMENT_FIELDS["validity_status"],
    )
    document_valid_from = serializers.DateField(
        allow_null=True, help_text=DOCUMENT_VALIDITY_FIELDS["document_valid_from"]
    )
    document_valid_until = serializers.DateField(
        allow_null=True, help_text=DOCUMENT_VALIDITY_FIELDS["document_valid_until"]
    )
    key = serializers.CharField(help_text="条款键 / provision key within its document")
    path = serializers.CharField(help_text="条款路径 / where the provision sits (章 › 条 …)")
    heading = serializers.CharField(help_text="条款标题 / provision heading (may be empty)")
    score = serializers.FloatField(help_text="相关度 / relevance score within its tier")
    snippet = serializers.CharField(help_text="摘要（HTML，命中处 <mark>）/ HTML snippet")
    highlights = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="命中位置 / [start, end) offsets into heading + text",
    )
    text = serializers.CharField(help_text="条款全文 / provision text")
    why = SearchReasonSerializer(many=True, help_text="匹配原因 / the query words found")
    tier = serializers.ChoiceField(
        choices=["full", "partial"],
        help_text="full：含全部检索词 / holds every query concept; "
        "partial：部分匹配 / a relaxed match, ranked after every full match",
    )
    unmatched = serializers.ListField(
        child=serializers.CharField(),
        help_text="未匹配的检索词 / query concepts this provision lacks (empty when full)",
    )
    url = serializers.CharField(help_text="条款页面 / the provision's page")


class SearchSuggestionSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="可试的检索词 / a shorter query that finds something")
    count = serializers.IntegerField(help_text="结果数 / its number of matches")
    more = serializers.BooleanField(help_text="结果数为下限 / the count is a lower bound")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="检索式 / the query as typed")
    notices = serializers.ListField(
        child=serializers.CharField(), help_text="提示 / notices about the query (中文 / English)"
    )
    filter_errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="无效筛选 / invalid filter values, by filter",
    )
    count = serializers.IntegerField(help_text="结果总数 / all hits, full and partial")
    exact_count = serializers.IntegerField(
        help_text="完全匹配数 / hits holding every query concept (ranked first)"
    )
    count_is_lower_bound = serializers.BooleanField(
        help_text="总数为下限 / more matches may exist than were ranked"
    )
    page = serializers.IntegerField(help_text="页码 / page number")
    page_size = serializers.IntegerField(help_text="每页条数 / results per page")
    results = SearchHitSerializer(many=True, help_text="本页结果 / this page's hits")
    facets = serializers.DictField(help_text="分面计数 / facet counts over every hit")
    suggestions = SearchSuggestionSerializer(
        many=True, help_text="无结果时可试的检索词 / shorter queries that find something"
    )
