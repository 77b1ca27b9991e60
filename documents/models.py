"""Documents, their provision tree, themes, cross-references, and the parts of
every extracted fact that do not depend on its kind (``Fact``, ``Curation``).

``measures`` and ``targets`` build on these models; this app imports neither.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.extraction.sentences import split_sentences
from documents.originals import OriginalFile
from documents.querysets import DOCUMENT_TEXT_FIELDS as DOCUMENT_TEXT_FIELDS
from documents.querysets import FACT_BOOKKEEPING_FIELDS as FACT_BOOKKEEPING_FIELDS
from documents.querysets import (
    DocumentPartQuerySet,
    DocumentQuerySet,
    ProvisionQuerySet,
)
from documents.validity import ValidityBasis, status_of


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
    # The other genres a title may end in (documents.parsing.lines.DOC_TYPES).
    REPLY_LETTER = "复函", _("复函 (letter of reply)")
    APPROVAL = "批复", _("批复 (official approval)")
    LETTER = "函", _("函 (letter)")
    DETAILED_RULES = "细则", _("细则 (detailed rules)")
    DECISION = "决定", _("决定 (decision)")
    OUTLINE = "纲要", _("纲要 (outline)")
    GUIDE = "指南", _("指南 (guide)")
    SUPPORT_MEASURES = "措施", _("措施 (support measures)")
    ANNOUNCEMENT = "公告", _("公告 (announcement)")
    CIRCULAR = "通告", _("通告 (circular)")
    REPORT = "报告", _("报告 (report)")
    PROCEDURES = "规则", _("规则 (procedures)")
    LIST = "清单", _("清单 (list)")
    GUIDELINES = "指引", _("指引 (guidelines)")
    KEY_POINTS = "要点", _("要点 (key points)")
    LAW = "法", _("法 (law)")
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

    def indicators(self):
        """The indicators this theme's provisions set visible targets for or
        report on (the way from a theme to its charts), known ones first.
        The fact models belong to other apps; the relations name them."""
        ids = set()
        for relation in ("targets", "figures"):
            model = Provision._meta.get_field(relation).related_model
            ids.update(
                model.objects.visible()
                .filter(provision__themes=self)
                .values_list("indicator_id", flat=True)
            )
        indicator = Provision._meta.get_field("targets").related_model
        indicator = indicator._meta.get_field("indicator").related_model
        return sorted(indicator.objects.filter(pk__in=ids), key=lambda i: (not i.known, i.name))


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
    # The period the document applies in, read from its text at ingest
    # (documents.validity; a curator may correct it).
    valid_from = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("The last day it applies.")
    )
    validity_basis = models.CharField(
        _("有效期依据"),
        max_length=20,
        choices=ValidityBasis.choices,
        default=ValidityBasis.UNKNOWN,
    )
    validity_source_text = models.TextField(_("有效期原文"), blank=True)
    validity_start = models.PositiveIntegerField(_("有效期原文起始偏移"), null=True, blank=True)
    validity_end = models.PositiveIntegerField(_("有效期原文结束偏移"), null=True, blank=True)
    validity_evidence = models.JSONField(_("有效期依据明细"), default=list, blank=True)
    repeals = models.CharField(_("同时废止"), max_length=500, blank=True)
    # Set only by a curation: the later document that replaces this one,
    # and the day that one applies from.
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("被替代为"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    replaced_on = models.DateField(_("被替代日期"), null=True, blank=True)
    # A policy a notice issues (under 附件, or under the notice's signature)
    # is a document of its own from the same file: the notice, and which of
    # the policies it issues this one is (documents.parsing.attachments).
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("印发通知"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
        help_text=_("The notice that issues this document, from the same file."),
    )
    part_number = models.PositiveSmallIntegerField(_("附件序号"), null=True, blank=True)
    part_label = models.CharField(_("附件标注（原文）"), max_length=20, blank=True)
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

    @property
    def validity_status(self):
        """The ``ValidityStatus`` value today."""
        return self.status_on(timezone.localdate())

    def status_on(self, day):
        """The ``ValidityStatus`` value of this document on ``day``."""
        return status_of(
            day,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            basis=self.validity_basis,
            replaced_by_id=self.replaced_by_id,
            replaced_on=self.replaced_on,
        )


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
        ATTACHMENT = "attachment", _("附件")
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

    A curation about the document itself (content type Document) corrects
    its validity or links the later document replacing it.

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
