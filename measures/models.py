"""Policy measures and the subsidy rules inside them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.extraction.sentences import trimmed_sentences
from documents.models import (
    Document,
    DocumentPartQuerySet,
    Fact,
    FactQuerySet,
    Provision,
)
from measures.subsidy_kinds import SUBSIDY_KINDS


class InstrumentType(models.Model):
    """A row of the instrument typology (OECD STIP Compass, adapted)."""

    key = models.SlugField(_("标识"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150)
    stip_category = models.CharField(_("STIP 类别"), max_length=150, blank=True)
    position = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("政策工具类型")
        verbose_name_plural = _("政策工具类型")

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    key = models.SlugField(_("标识"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("政策对象")
        verbose_name_plural = _("政策对象")

    def __str__(self):
        return self.name


class Measure(models.Model):
    """The actionable commitment of one provision."""

    document = models.ForeignKey(
        Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="measures"
    )
    provision = models.ForeignKey(
        Provision,
        verbose_name=_("条款"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    summary = models.TextField(_("措施内容"))
    instrument_types = models.ManyToManyField(
        InstrumentType, verbose_name=_("政策工具"), blank=True, related_name="measures"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("政策对象"), blank=True, related_name="measures"
    )
    responsible_units = models.CharField(_("责任单位"), max_length=300, blank=True)
    start = models.PositiveIntegerField(_("起始偏移"))
    end = models.PositiveIntegerField(_("结束偏移"))
    rule = models.CharField(_("抽取规则"), max_length=80)

    objects = DocumentPartQuerySet.as_manager()

    class Meta:
        ordering = ["document", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "start"], name="measure_unique_per_provision_start"
            )
        ]
        verbose_name = _("政策措施")
        verbose_name_plural = _("政策措施")

    def __str__(self):
        return self.summary[:40]

    def get_absolute_url(self):
        return self.provision.get_absolute_url()


# The choices of Subsidy.kind, from the one table of kinds (stored values and
# labels as in measures.subsidy_kinds; the member names are the upper-cased keys).
SubsidyKind = models.TextChoices(
    "SubsidyKind",
    [(kind.key.upper(), (kind.key, _(kind.label))) for kind in SUBSIDY_KINDS],
)


class SubsidyPer(models.TextChoices):
    NONE = "", _("未说明")
    ITEM = "item", _("每项/每件")
    ONCE = "once", _("一次性")
    ITEM_ONCE = "item_once", _("每项/每件一次性")
    YEAR = "year", _("每年")
    PERSON = "person", _("每人")
    MONTH = "month", _("每月")
    PERSON_MONTH = "person_month", _("每人每月")
    PERSON_YEAR = "person_year", _("每人每年")


class Subsidy(Fact):
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("所属措施"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidies",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=SubsidyKind.choices)
    amount_min = models.DecimalField(
        _("最低金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("最高金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    ratio_percent = models.DecimalField(
        _("比例（%）"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    basis = models.CharField(_("比例基数"), max_length=100, blank=True)
    cap = models.DecimalField(
        _("上限（元）"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    per = models.CharField(
        _("计量方式"), max_length=20, choices=SubsidyPer.choices, blank=True
    )
    beneficiary = models.CharField(_("支持对象"), max_length=200, blank=True)
    funding_source = models.CharField(_("资金来源"), max_length=200, blank=True)

    objects = FactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(Fact.Meta):
        default_related_name = "subsidies"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="subsidy_fingerprint_unique"
            )
        ]
        verbose_name = _("资助规则")
        verbose_name_plural = _("资助规则")

    def __str__(self):
        return f"{self.get_kind_display()} {self.beneficiary}".strip()

    def get_absolute_url(self):
        return f"{self.provision.get_absolute_url()}#subsidy-{self.pk}"

    @staticmethod
    def quoted_sentences(text):
        # The subsidy extractor quotes a rule without its final mark.
        return trimmed_sentences(text)


class EligibilityPer(models.TextChoices):
    NONE = "", _("未说明")
    ONCE = "once", _("一次性")
    ITEM = "item", _("每项/每件")
    ITEM_ONCE = "item_once", _("每项/每件一次性")
    YEAR = "year", _("每年")
    PERSON = "person", _("每人")
    PERSON_MONTH = "person_month", _("每人每月")
    MU = "mu", _("每亩")


class EligibilityQuerySet(DocumentPartQuerySet):
    def reaching(self, paths, within=""):
        """Rules of the places ``paths`` (a place and those above it), and,
        with ``within``, of the places inside it (an applicant who named
        only 通化市 may be in a 柳河县 rule's county)."""
        reach = models.Q(region__in=list(paths))
        if within:
            reach |= models.Q(region__startswith=within + "/")
        return self.filter(reach)

    def _keyed(self, kind, keys, flag):
        keyed = EligibilityKey.objects.filter(kind=kind, key__in=list(keys)).values(
            "eligibility_id"
        )
        return self.filter(models.Q(**{flag: False}) | models.Q(pk__in=keyed))

    def for_groups(self, keys):
        """Rules for no named group or for one of ``keys`` (the applicant's
        groups and those above them)."""
        return self._keyed("group", keys, "has_groups")

    def for_events(self, keys):
        """Rules triggered by no event or by one of ``keys``: an event is
        never assumed (a profile without it does not get the rule)."""
        return self._keyed("event", keys, "has_events")

    def money_first(self):
        return self.order_by(
            models.F("amount").desc(nulls_last=True), "document_id", "subsidy__start"
        )


class Eligibility(models.Model):
    """Who may apply for one support rule, where and on what event, read
    from its clause (``measures.extraction.eligibility``).  ``terms`` holds
    every condition with the words (and offsets) it came from; the keys the
    matcher filters on are repeated in ``EligibilityKey`` rows."""

    subsidy = models.OneToOneField(
        Subsidy,
        verbose_name=_("资助规则"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="eligibility",
    )
    measure = models.OneToOneField(
        Measure,
        verbose_name=_("政策措施"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="eligibility",
    )
    document = models.ForeignKey(
        Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="eligibilities"
    )
    region = models.CharField(
        _("适用地域"),
        max_length=120,
        blank=True,
        help_text=_("Place path the rule reaches, e.g. 吉林省/通化市/柳河县; empty: nationwide."),
    )
    area = models.CharField(_("适用区域"), max_length=120, blank=True)
    per = models.CharField(
        _("计量方式"), max_length=12, choices=EligibilityPer.choices, blank=True
    )
    has_groups = models.BooleanField(_("限定对象"), default=False)
    has_events = models.BooleanField(_("限定事件"), default=False)
    amount = models.DecimalField(
        _("最高金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    terms = models.JSONField(_("申报条件"), default=list, blank=True)

    objects = EligibilityQuerySet.as_manager()

    class Meta:
        ordering = ["document", "id"]
        indexes = [models.Index(fields=["region"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subsidy__isnull=False, measure__isnull=True)
                | models.Q(subsidy__isnull=True, measure__isnull=False),
                name="eligibility_of_a_subsidy_or_a_measure",
            )
        ]
        verbose_name = _("申报条件")
        verbose_name_plural = _("申报条件")

    def __str__(self):
        return f"{self.subsidy or self.measure}"

    def of_kind(self, kind):
        return [term for term in self.terms if term["kind"] == kind]


class EligibilityKey(models.Model):
    """A group or event key of an ``Eligibility``, for the matcher's filter."""

    eligibility = models.ForeignKey(
        Eligibility, on_delete=models.CASCADE, related_name="keys"
    )
    kind = models.CharField(_("类别"), max_length=10)
    key = models.CharField(_("标识"), max_length=60)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "eligibility"])]
        verbose_name = _("申报条件索引")
        verbose_name_plural = _("申报条件索引")

    def __str__(self):
        return f"{self.kind}:{self.key}"
