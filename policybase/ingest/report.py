"""What an ingest run tells the person who ran it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from documents.models import Provision, ReviewStatus
from measures.models import Measure, Subsidy
from targets.models import Figure, Target

COUNTED = ("provisions", "targets", "figures", "subsidies", "measures", "flagged")


@dataclass
class DocumentReport:
    """One document's outcome: its status, its totals, what changed."""

    source: str
    key: str = ""
    status: str = ""  # created, updated, unchanged, failed
    error: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # totals after the run
    changes: dict[str, int] = field(default_factory=dict)  # rows created/updated/deleted
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # facts dropped, and why
    orphaned_curations: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kind: str = ""  # the format the file was read as (pdf, docx, html, ofd, text …)
    parts: list[str] = field(default_factory=list)  # keys of the policies a notice issues

    @property
    def failed(self):
        return self.status == "failed"

    def count_rows(self, document) -> None:
        """Set ``counts`` to the totals after the run of the document and of
        the policies it issues (``Document.parts``): the file's."""
        documents = [document.pk, *document.parts.values_list("pk", flat=True)]
        self.parts = list(document.parts.order_by("part_number").values_list("key", flat=True))
        flagged = Q(review_status__in=[ReviewStatus.FLAGGED, ReviewStatus.CONFLICT])
        self.counts = {
            "provisions": Provision.objects.filter(document__in=documents).count(),
            "targets": Target.objects.filter(document__in=documents).count(),
            "figures": Figure.objects.filter(document__in=documents).count(),
            "subsidies": Subsidy.objects.filter(document__in=documents).count(),
            "measures": Measure.objects.filter(document__in=documents).count(),
            "flagged": sum(
                model.objects.filter(flagged, document__in=documents).count()
                for model in (Target, Figure, Subsidy)
            ),
        }

    def line(self) -> str:
        if self.failed:
            return f"✗ {self.source}: {self.error}"
        counts = " ".join(f"{k}={self.counts.get(k, 0)}" for k in COUNTED)
        changes = ", ".join(f"{k} {v}" for k, v in sorted(self.changes.items()) if v)
        tail = f" [{changes}]" if changes else ""
        kind = f"{self.kind}, " if self.kind else ""
        parts = f" 附件 / issues: {', '.join(self.parts)}" if self.parts else ""
        return f"✓ {self.key} ({kind}{self.status}, {self.seconds:.2f}s) {counts}{tail}{parts}"


@dataclass
class RunReport:
    """Every document of a run, and the summary printed at its end."""

    documents: list[DocumentReport] = field(default_factory=list)

    @property
    def failed(self):
        return [d for d in self.documents if d.failed]

    def totals(self) -> dict[str, int]:
        totals = {k: 0 for k in COUNTED}
        for d in self.documents:
            for k in COUNTED:
                totals[k] += d.counts.get(k, 0)
        return totals

    def summary(self) -> str:
        ok = len(self.documents) - len(self.failed)
        totals = self.totals()
        lines = [
            "Summary / 汇总: "
            f"documents {ok} ok, {len(self.failed)} failed; "
            + ", ".join(f"{k} {v}" for k, v in totals.items())
        ]
        kinds = Counter(d.kind for d in self.documents if d.kind)
        if len(kinds) > 1:
            lines.append(
                "Formats / 格式: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            )
        conflicts = [c for d in self.documents for c in d.conflicts]
        warnings = [w for d in self.documents for w in d.warnings]
        if warnings:
            lines.append(f"Facts not stored / 未保存的事实: {len(warnings)}")
        orphans = [c for d in self.documents for c in d.orphaned_curations]
        if conflicts:
            lines.append(f"Conflicts flagged for review / 冲突待审核: {len(conflicts)}")
            lines.extend(f"  - {c}" for c in conflicts)
        if orphans:
            lines.append(f"Curations without their fact / 找不到对应事实的审核记录: {len(orphans)}")
            lines.extend(f"  - {c}" for c in orphans)
        return "\n".join(lines)
