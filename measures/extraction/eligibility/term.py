"""One thing a rule's eligibility says (``Term``), shared by the readers of
rules (``reading``, ``patents``) and of profiles."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# A condition of a rule weighed against an applicant's profile.
MET, FAILED, UNKNOWN = "met", "failed", "unknown"


@dataclass(frozen=True)
class Term:
    """One thing a rule's eligibility says, with the words it was read from
    (``start``/``end``: offsets in the document's text; None when read from
    its title or issuer)."""

    kind: str  # place | area | group | unit | event | sector | threshold | vague | local | per
    # | dated | case (a patent call's days and cases: ``patents``)
    key: str
    label: str
    words: str
    start: int | None = None
    end: int | None = None
    comparator: str = ""
    value: str = ""  # a threshold's number in ``unit`` (yuan for money)
    unit: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}
