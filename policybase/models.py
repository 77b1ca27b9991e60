"""The project's own table: the knowledge base's data version."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose ``number`` changes after every committed write to the
    knowledge base, from any process: each connection notices its writes to
    the tables of the documents, measures and targets apps and bumps it once
    per transaction, after the commit (``documents/apikit/data_version.py``),
    so bulk inserts, ``QuerySet.update()``, fixtures and raw SQL count too.
    The API's response cache keys on it."""

    number = models.BigIntegerField(_("数据版本"))

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return str(self.number)


class ThrottleCount(models.Model):
    """How many requests one client made in a throttle's current window
    (``documents/apikit/throttling.py``): one row per scope and client,
    counted up by one atomic statement, so that every worker process shares
    one count and two concurrent requests never both read the same one."""

    key = models.CharField(_("键"), max_length=200, primary_key=True)
    expires = models.BigIntegerField(_("窗口结束 (Unix 秒)"))
    hits = models.IntegerField(_("请求数"))

    class Meta:
        verbose_name = _("限流计数")
        verbose_name_plural = _("限流计数")

    def __str__(self):
        return f"{self.key}: {self.hits}"
