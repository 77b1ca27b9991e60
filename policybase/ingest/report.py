"""What an ingest run tells the person who ran it."""

from __future__ import annotations

from dataclasses import dataclass, field

COUNTED = ("provisions", "targets", "figures", "subsidies", "measures", "flagged")


@dataclass
class DocumentReport:
    source: str
    key: str = ""
    status: str = ""  # created, updated, unchanged, failed
    error: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # totals after the run
    changes: dict[str, int] = field(default_factory=dict)  # rows created/updated/deleted
    conflicts: list[str] = field(default_factory=list)
    orphaned_curations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self):
        return self.status == "failed"

    def line(self) -> str:
        if self.failed:
            return f"✗ {self.source}: {self.error}"
        counts = " ".join(f"{k}={self.counts.get(k, 0)}" for k in COUNTED)
        changes = ", ".join(f"{k} {v}" for k, v in sorted(self.changes.items()) if v)
        tail = f" [{changes}]" if changes else ""
        return f"✓ {self.key} ({self.status}, {self.seconds:.2f}s) {counts}{tail}"


@dataclass
class RunReport:
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
        conflicts = [c for d in self.documents for c in d.conflicts]
        orphans = [c for d in self.documents for c in d.orphaned_curations]
        if conflicts:
            lines.append(f"Conflicts flagged for review / 冲突待审核: {len(conflicts)}")
            lines.extend(f"  - {c}" for c in conflicts)
        if orphans:
            lines.append(f"Curations without their fact / 找不到对应事实的审核记录: {len(orphans)}")
            lines.extend(f"  - {c}" for c in orphans)
        return "\n".join(lines)
