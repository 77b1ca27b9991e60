"""Indicators, the targets set for them and the figures reported about them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    APPROX = "~", "≈"
    EQ = "=", "="
    LE = "<=", "≤"
    LT = "<", "<"


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


class Target(QuantityFact):
    per_year = models.BooleanField(_("每年"), default=False)
    aspirational = models.BooleanField(_("力争"), default=False)
    baseline_value = models.DecimalField(
        _("基期值"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("基期年份"), null=True, blank=True)

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


class Figure(QuantityFact):
    year_start = models.PositiveSmallIntegerField(_("起始年份"), null=True, blank=True)

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
