"""Documents, their provision tree, themes, cross-references, and the parts of
every extracted fact that do not depend on its kind (``Fact``, ``Curation``).

``measures`` and ``targets`` build on these models; this app imports neither.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Prefetch
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.extraction.sentences import split_sentences
from documents.originals import OriginalFile


class DocumentType(models.TextChoices):
    OPINION = "意见", _("意见 (implementation opinions)")
    PLAN = "方案", _("方案 (implementation plan)")
    ACTION_PLAN = "计划", _("计划 (action plan)")
    DEVELOPMENT_PLAN = "规划", _("规划 (development plan)")
    REPLY = "答复", _("答复 (reply to a proposal)")
    MEASURES = "办法", _("办法 (measures)")
    REGULATION = "条例", _("条例 (regulation)")
    RULES = "规定", _("规定 (rules)")
    NOTICE = "通知", _("通知 (notice)")
    OTHER = "其他", _("其他 (other)")


class Theme(models.Model):
    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级主题"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme-page", args=[self.slug])


# Document columns holding a whole text (together some 100 kB a row): pages
# and lists that only name, date or link a document defer them.
DOCUMENT_TEXT_FIELDS = ("raw_text", "text", "metadata_notes")


class DocumentQuerySet(models.QuerySet):
    def without_texts(self):
        """The documents without their text columns (``DOCUMENT_TEXT_FIELDS``):
        enough to name, date and link them."""
        return self.defer(*DOCUMENT_TEXT_FIELDS)


class DocumentPartQuerySet(models.QuerySet):
    """Rows that belong to a document: provisions, cross-references,
    measures and facts."""

    def with_document_name(self, *relations):
        """The related document(s) at ``relations`` (``"document"`` unless
        others are named) joined in, minus their texts."""
        relations = relations or ("document",)
        return self.select_related(*relations).defer(
            *(f"{path}__{name}" for path in relations for name in DOCUMENT_TEXT_FIELDS)
        )


class Document(models.Model):
    key = models.SlugField(
        _("标识"),
        max_length=80,
        unique=True,
        help_text=_("Stable id used in URLs, e.g. the source file's name stem."),
    )
    title = models.CharField(_("标题"), max_length=300, blank=True)
    subject = models.CharField(
        _("主题事项"),
        max_length=300,
        blank=True,
        help_text=_("The subject as the text states it, shown when the title is lost."),
    )
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    doc_type = models.CharField(
        _("文件类型"), max_length=10, choices=DocumentType.choices, blank=True
    )
    plan_period_start = models.PositiveSmallIntegerField(
        _("规划期起始年"), null=True, blank=True
    )
    plan_period_end = models.PositiveSmallIntegerField(
        _("规划期终止年"), null=True, blank=True
    )
    source_name = models.CharField(_("源文件名"), max_length=255)
    source_sha256 = models.CharField(_("源文件SHA-256"), max_length=64)
    # The file the document was last ingested from, as it arrived.
    original = models.ForeignKey(
        OriginalFile, verbose_name=_("原始文件"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="documents",
    )
    pipeline_version = models.CharField(_("处理流程版本"), max_length=20)
    raw_text = models.TextField(_("原始文本"))
    text = models.TextField(_("规范化文本"))
    metadata_notes = models.TextField(
        _("元数据说明"),
        blank=True,
        help_text=_("Where each metadata field came from (manifest or text)."),
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["issued_on", "key"]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("document-page", args=[self.key])

    @property
    def display_title(self):
        if self.title:
            return self.title
        if self.subject:
            return f"〔标题缺失〕{self.subject}"
        return f"〔标题缺失〕{self.source_name}"

    @property
    def year(self):
        return self.issued_on.year if self.issued_on else None

    @property
    def plan_period(self):
        if self.plan_period_start and self.plan_period_end:
            return (self.plan_period_start, self.plan_period_end)
        return None


# Bookkeeping columns of a fact that no listing shows.
FACT_BOOKKEEPING_FIELDS = ("extracted", "created", "updated", "sentence_start", "sentence_end")
# Fact relations of Provision (each Fact model declares its own), with what
# the reader's tooltips need joined in.
FACT_RELATIONS = {
    "targets": ("indicator",),
    "figures": ("indicator",),
    "subsidies": (),
}


class ProvisionQuerySet(DocumentPartQuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by with_facts(): the lists to attach once the rows are read.
        self._fact_lists = False
        self._theme_lists = False

    def _clone(self):
        clone = super()._clone()
        clone._fact_lists = self._fact_lists
        clone._theme_lists = self._theme_lists
        return clone

    def _fetch_all(self):
        unread = self._result_cache is None
        super()._fetch_all()
        # After the rows (and any prefetch) are read, as prefetch_related
        # runs; rows read with values() have nowhere to hold the lists.
        if unread and self._fact_lists and self._iterable_class is ModelIterable:
            self._attach_fact_lists(self._result_cache)

    def in_document(self, document):
        return self.filter(document=document)

    def outline(self):
        """Each provision's place and name, text order, as dicts without
        the text: the reader's contents and pages (``documents.reader``)."""
        return self.order_by("position").values(
            "id", "parent_id", "key", "label", "heading", "kind", "depth", "position"
        )

    def with_path(self):
        # Five levels cover the deepest trees seen (章 › 节 › 条 › （一） › 1.);
        # a deeper node costs one query per extra level in ancestors().
        return self.select_related("document", "parent__parent__parent__parent__parent")

    def with_fact_counts(self):
        return self.annotate(
            target_count=Count("targets", distinct=True),
            figure_count=Count("figures", distinct=True),
            subsidy_count=Count("subsidies", distinct=True),
        )

    def with_themes(self):
        return self.prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position"))
        )

    def with_facts(self, themes=False):
        """Once read, each provision carries its visible facts and
        cross-references, in text order, as plain lists (``targets_list``,
        ``figures_list``, ``subsidies_list``, ``crossrefs_list`` and, with
        ``themes``, ``themes_list``): what the reader marks up in the text.

        One query per relation, like prefetch_related, but without the
        queryset Django clones per instance to hold a prefetch: on the
        largest document (191 provisions × 5 relations) those clones cost
        more than the queries."""
        clone = self._chain()
        clone._fact_lists = True
        clone._theme_lists = themes
        return clone

    def _attach_fact_lists(self, provisions):
        by_id = {p.pk: p for p in provisions}
        themes = self._theme_lists
        names = [*FACT_RELATIONS, "crossrefs"]
        for p in provisions:
            for name in names:
                setattr(p, f"{name}_list", [])
            if themes:
                p.themes_list = []
        if not by_id:
            return
        # Filtered by document, not by 191 provision ids: preparing a long IN
        # list cost more than reading the few facts of other provisions.  A
        # part of one document (a page of a long one) narrows that to the
        # span of text its provisions cover.
        documents = {p.document_id for p in provisions}
        span = {}
        if len(documents) == 1:
            span = {"start__gte": min(p.start for p in provisions),
                    "start__lte": max(p.text_end for p in provisions)}
        for name, joins in FACT_RELATIONS.items():
            model = self.model._meta.get_field(name).related_model
            rows = model.objects.visible().filter(document_id__in=documents, **span)
            # Only the joins named: select_related() without names follows
            # every foreign key, the document's texts included.
            if joins:
                rows = rows.select_related(*joins)
            rows = rows.defer("source_text", "review_note", *FACT_BOOKKEEPING_FIELDS)
            rows = rows.order_by("start")
            for row in rows:
                if row.provision_id in by_id:
                    getattr(by_id[row.provision_id], f"{name}_list").append(row)
        refs = (
            CrossReference.objects.filter(document_id__in=documents, **span)
            .with_document_name("target")
            .order_by("start")
        )
        for ref in refs:
            if ref.provision_id in by_id:
                by_id[ref.provision_id].crossrefs_list.append(ref)
        if themes:
            # Pairs of ids and the few themes once: a model instance per link
            # (569 on the largest document) cost more than the query.
            theme_by_id = {t.pk: t for t in Theme.objects.all()}
            links = (
                self.model.themes.through.objects.filter(
                    provision__document_id__in=documents,
                    **{f"provision__{lookup}": value for lookup, value in span.items()},
                )
                .order_by("theme__position", "theme__slug")
                .values_list("provision_id", "theme_id")
            )
            for provision_id, theme_id in links:
                if provision_id in by_id:
                    by_id[provision_id].themes_list.append(theme_by_id[theme_id])

    def tree(self):
        """The provisions as a forest: root nodes in document order, each node
        with ``tree_children`` set.  One query (plus the prefetches already on
        the queryset) whatever the depth, unlike walking ``children``."""
        nodes = list(self.order_by("position"))
        by_id = {node.pk: node for node in nodes}
        roots = []
        for node in nodes:
            node.tree_children = []
        for node in nodes:
            parent = by_id.get(node.parent_id)
            (parent.tree_children if parent else roots).append(node)
        return roots


class Provision(models.Model):
    class Kind(models.TextChoices):
        VOLUME = "volume", _("编")
        CHAPTER = "chapter", _("章")
        SECTION = "section", _("节")
        ARTICLE = "article", _("条")
        PART = "part", _("部分（一、）")
        NUMBERED_SECTION = "numbered_section", _("条目（（一））")
        ITEM = "item", _("项（1.）")
        SUBITEM = "subitem", _("子项（(1)）")
        BOX = "box", _("专栏")
        BOX_ITEM = "box_item", _("专栏条目")
        BULLET = "bullet", _("要点")
        TABLE = "table", _("表格")
        TABLE_ROW = "table_row", _("表格行")
        PARAGRAPH = "paragraph", _("段落")
        PREAMBLE = "preamble", _("前言")
        TITLE = "title", _("标题")
        SIGNATURE = "signature", _("落款")

    document = models.ForeignKey(
        Document,
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级条款"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    key = models.CharField(
        _("条款标识"),
        max_length=120,
        help_text=_("Stable within its document: built from the labels on its path."),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("编号（原文）"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    heading = models.CharField(_("标题"), max_length=300, blank=True)
    text = models.TextField(_("正文"), blank=True)
    cells = models.JSONField(_("表格单元"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("文中顺序"))
    depth = models.PositiveSmallIntegerField(_("层级"))
    start = models.PositiveIntegerField(_("起始偏移"))
    text_start = models.PositiveIntegerField(_("正文起始偏移"))
    text_end = models.PositiveIntegerField(_("正文结束偏移"))
    search_text = models.TextField(_("分词文本"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("主题"), blank=True, related_name="provisions"
    )

    objects = ProvisionQuerySet.as_manager()
    # Who changed a provision and when (ingest included); the segmented
    # search text is derived, so it is not kept in the history.
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "key"], name="provision_key_unique_in_document"
            )
        ]
        indexes = [models.Index(fields=["document", "position"])]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")

    def __str__(self):
        name = " ".join(p for p in (self.label, self.heading) if p)
        return name or self.text[:30]

    def get_absolute_url(self):
        return reverse("provision-page", args=[self.document.key, self.key])

    def ancestors(self):
        """Root first; walks parents already cached by ``with_path()``."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def short_name(self):
        """How the provision is named in a path: its label as printed (第三章,
        （十五）), else its heading, else "第N段" for an untitled paragraph.
        Dash bullets (———) are named by their heading: the dashes say nothing."""
        if self.label and self.label.strip("-—－ "):
            return self.label
        if self.heading:
            return self.heading[:12]
        ordinal = self.key.rsplit(".", 1)[-1].removeprefix("para")
        return f"第{ordinal}段" if ordinal.isdigit() else self.kind

    @property
    def path_display(self):
        """第三章 › 第二节 › …, the names on the way down (see short_name)."""
        return " › ".join(p.short_name for p in [*self.ancestors(), self])


class CrossReference(models.Model):
    provision = models.ForeignKey(
        Provision,
        verbose_name=_("所在条款"),
        on_delete=models.CASCADE,
        related_name="crossrefs",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("所在文件"),
        on_delete=models.CASCADE,
        related_name="crossrefs",
    )
    title = models.CharField(_("被引文件标题"), max_length=300, blank=True)
    doc_number = models.CharField(_("被引文号"), max_length=100, blank=True)
    target = models.ForeignKey(
        Document,
        verbose_name=_("被引文件（库内）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )
    start = models.PositiveIntegerField(_("起始偏移"))
    end = models.PositiveIntegerField(_("结束偏移"))

    objects = DocumentPartQuerySet.as_manager()

    class Meta:
        ordering = ["document", "start"]
        verbose_name = _("引用")
        verbose_name_plural = _("引用")

    def __str__(self):
        return self.title or self.doc_number


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("未审核")
    FLAGGED = "flagged", _("疑似有误，待审核")
    CONFLICT = "conflict", _("重新导入冲突，待审核")
    CONFIRMED = "confirmed", _("已确认")
    CORRECTED = "corrected", _("已更正")
    REJECTED = "rejected", _("已否决")


# Statuses that carry a curator's decision: re-ingest never overwrites them.
CURATED_STATUSES = (ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED, ReviewStatus.REJECTED)


class FactQuerySet(DocumentPartQuerySet):
    def needing_review(self):
        return self.filter(
            review_status__in=[
                ReviewStatus.UNREVIEWED,
                ReviewStatus.FLAGGED,
                ReviewStatus.CONFLICT,
            ]
        )

    def flagged(self):
        return self.filter(review_status__in=[ReviewStatus.FLAGGED, ReviewStatus.CONFLICT])

    def visible(self):
        return self.exclude(review_status=ReviewStatus.REJECTED)

    def with_source(self):
        return self.select_related("document", "provision")


class Fact(models.Model):
    """What every extracted fact keeps: where it came from and who vouched for it.

    ``fingerprint`` identifies the fact across re-ingests (document, provision
    key, the number as printed and its occurrence); ``extracted`` is the rule's
    output as last seen, so that a changed source can be told apart from a
    curator's edit.
    """

    # Concrete facts set Meta.default_related_name ("targets", "subsidies" …).
    document = models.ForeignKey(
        Document, verbose_name=_("文件"), on_delete=models.CASCADE
    )
    provision = models.ForeignKey(
        Provision, verbose_name=_("条款"), on_delete=models.CASCADE
    )
    fingerprint = models.CharField(_("指纹"), max_length=64)
    source_text = models.TextField(_("原句"))
    raw_text = models.CharField(
        _("原文数值"), max_length=100, blank=True, help_text=_("As printed in the source.")
    )
    start = models.PositiveIntegerField(_("起始偏移"))
    end = models.PositiveIntegerField(_("结束偏移"))
    sentence_start = models.PositiveIntegerField(_("句子起始偏移"))
    sentence_end = models.PositiveIntegerField(_("句子结束偏移"))
    rule = models.CharField(_("抽取规则"), max_length=80)
    extracted = models.JSONField(_("规则抽取结果"), default=dict)
    review_status = models.CharField(
        _("审核状态"),
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.UNREVIEWED,
        db_index=True,
    )
    flags = models.JSONField(_("疑点"), default=list, blank=True)
    review_note = models.TextField(_("审核说明"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["document", "start"]

    @property
    def is_curated(self):
        return self.review_status in CURATED_STATUSES

    @staticmethod
    def quoted_sentences(text):
        """The sentences of a provision's text as this kind of fact's
        extractor cuts them, so that a fact a curator adds quotes its
        sentence exactly as a rule-extracted one would."""
        return split_sentences(text)


class Curation(models.Model):
    """A curator's decision about one fact, kept apart from the rules.

    Curations are data: they are re-applied after every ingest, so they
    survive re-ingest, and they can be exported to ``fixtures/curation`` and
    replayed on a fresh database.  A curation finds its fact by fingerprint,
    or else by ``locator`` (a quote of the sentence and the number as printed),
    which is how the shipped corrections are written by hand.

    An ``add`` curation is a fact the rules missed: ``changes`` holds all its
    values, ``locator`` the passage (``quote``) and the number as printed
    (``raw_text``) that place it in the text, and ``apply_curations`` makes
    the fact from them after every ingest.
    """

    class Action(models.TextChoices):
        CONFIRM = "confirm", _("确认")
        CORRECT = "correct", _("更正")
        REJECT = "reject", _("否决")
        ADD = "add", _("新增")

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("事实类型"), on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="curations"
    )
    fingerprint = models.CharField(_("指纹"), max_length=64, blank=True)
    locator = models.JSONField(_("定位"), default=dict, blank=True)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("更正内容"), default=dict, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    source = models.CharField(
        _("来源"),
        max_length=100,
        blank=True,
        help_text=_("Shipped fixture file, or 'admin' for edits made in the admin."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    orphaned = models.BooleanField(
        _("未找到对应事实"),
        default=False,
        help_text=_("Set when the last ingest found no fact for this curation."),
    )
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "created"]
        verbose_name = _("人工审核记录")
        verbose_name_plural = _("人工审核记录")
        indexes = [models.Index(fields=["content_type", "document", "fingerprint"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.locator or self.fingerprint}"
