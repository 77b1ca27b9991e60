"""Indicators, the targets set for them and the figures reported about them."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.extraction.units import category_of, to_yuan
from documents.models import Fact, FactQuerySet


class Indicator(models.Model):
    """A measured quantity shared across documents (e.g. R&D / GDP)."""

    key = models.SlugField(_("标识"), max_length=120, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    known = models.BooleanField(
        _("标准指标"),
        default=False,
        help_text=_("From the curated indicator table rather than made from a phrase."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicator-page", args=[self.key])

    def series(self):
        """Every visible target and figure of this indicator across documents,
        in time order, each target judged against the figures (``Target.judge``).

        Two queries whatever the number of documents.  Points without a year
        come last; within a year, figures before targets, then by document
        date.  Returns ``SeriesPoint`` objects.
        """
        # Each fact needs its document's key and date, not its texts.
        targets = list(self.targets.visible().with_document_name())
        figures = list(self.figures.visible().with_document_name())
        points = [SeriesPoint("figure", f) for f in figures]
        for target in targets:
            status, figure = target.judge(figures)
            points.append(SeriesPoint("target", target, status, figure))
        points.sort(key=SeriesPoint.sort_key)
        return points


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    APPROX = "~", "≈"
    EQ = "=", "="
    LE = "<=", "≤"
    LT = "<", "<"


class TargetStatus(models.TextChoices):
    MET = "met", _("已实现")
    NOT_MET = "not_met", _("未实现")
    PENDING = "pending", _("待评估（尚无后续统计数据）")


# "≈" and "=" targets in these plans state a level to reach ("达到2%左右"):
# a figure at most this share below the value, or any figure above it,
# meets the target.
APPROX_TOLERANCE = Decimal("0.05")


class SeriesPoint:
    """One point of ``Indicator.series()``: a figure, or a target with its
    status and the figure it was judged by."""

    def __init__(self, kind, fact, status=None, judged_by=None):
        self.kind = kind
        self.fact = fact
        self.status = status
        self.judged_by = judged_by

    def sort_key(self):
        fact = self.fact
        issued = fact.document.issued_on
        return (
            fact.year is None,
            fact.year or 0,
            self.kind != "figure",
            issued is None,
            issued.isoformat() if issued else "",
            fact.document.key,
            fact.pk,
        )


class QuantityFact(Fact):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT
    )
    indicator_phrase = models.CharField(_("原文指标表述"), max_length=200)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    value_max = models.DecimalField(
        _("数值上限"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    raw_value = models.DecimalField(
        _("原文数值"),
        max_digits=20,
        decimal_places=4,
        help_text=_("The value as the rule read it, before any curated correction."),
    )
    unit = models.CharField(_("单位"), max_length=20)
    comparator = models.CharField(
        _("比较"), max_length=2, choices=Comparator.choices, default=Comparator.EQ
    )
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)

    objects = FactQuerySet.as_manager()

    class Meta(Fact.Meta):
        abstract = True

    @property
    def is_corrected(self):
        return self.value != self.raw_value


def in_unit(value, unit, wanted):
    """``value`` (in ``unit``) expressed in ``wanted``; None when the two do
    not measure alike.  Counts of things compare whatever the classifier (a
    target of 60个 key laboratories against 148家 reported), money converts
    (万元 ↔ 亿元); person-times (人次) count visits, not people."""
    if unit == wanted:
        return value
    kinds = {category_of(unit), category_of(wanted)}
    if kinds == {"money"}:
        return to_yuan(value, unit) / to_yuan(Decimal(1), wanted)
    if kinds == {"count"} and "人次" not in (unit, wanted):
        return value
    return None


class Target(QuantityFact):
    per_year = models.BooleanField(_("每年"), default=False)
    aspirational = models.BooleanField(_("力争"), default=False)
    baseline_value = models.DecimalField(
        _("基期值"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("基期年份"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta(QuantityFact.Meta):
        default_related_name = "targets"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="target_fingerprint_unique"
            )
        ]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")

    def __str__(self):
        return f"{self.indicator} {self.get_comparator_display()}{self.value}{self.unit} ({self.year})"

    def get_absolute_url(self):
        return f"{self.provision.get_absolute_url()}#target-{self.pk}"

    def judge(self, figures):
        """(status, figure): met or not met by the first of ``figures`` (same
        indicator) reported for this target's year or later in a comparable
        unit (see in_unit), pending when there is none or no year."""
        if self.year is None:
            return TargetStatus.PENDING, None
        later = [
            f
            for f in figures
            if f.year is not None
            and f.year >= self.year
            and in_unit(f.value, f.unit, self.unit) is not None
        ]
        if not later:
            return TargetStatus.PENDING, None
        figure = min(later, key=lambda f: (f.year, f.pk))
        met = self.is_met_by(in_unit(figure.value, figure.unit, self.unit))
        return (TargetStatus.MET if met else TargetStatus.NOT_MET), figure

    def is_met_by(self, value):
        if self.comparator == Comparator.GE:
            return value >= self.value
        if self.comparator == Comparator.GT:
            return value > self.value
        if self.comparator == Comparator.LE:
            return value <= self.value
        if self.comparator == Comparator.LT:
            return value < self.value
        return value >= self.value - abs(self.value) * APPROX_TOLERANCE


class Figure(QuantityFact):
    year_start = models.PositiveSmallIntegerField(_("起始年份"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta(QuantityFact.Meta):
        default_related_name = "figures"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="figure_fingerprint_unique"
            )
        ]
        verbose_name = _("统计数据")
        verbose_name_plural = _("统计数据")

    def __str__(self):
        return f"{self.indicator} {self.value}{self.unit} ({self.year})"

    def get_absolute_url(self):
        return f"{self.provision.get_absolute_url()}#figure-{self.pk}"
