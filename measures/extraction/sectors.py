"""The sectors a profile's words name: the industries of ``eligibility.terms``
(人工智能大模型, 医药, 现代服务业 …), longest words first, the narrowest kept;
and the kind of a project a form names ("新上现代服务业类项目").  Pure Python
(no Django); works on a ``profiles.Profile``.
"""

from __future__ import annotations

import re

from measures.extraction.eligibility.reading import narrowest
from measures.extraction.eligibility.term import Term
from measures.extraction.eligibility.terms import SECTORS, SECTORS_BY_KEY

# "重点产业新上现代服务业类项目": the kind of a project.
PROJECT_KIND_RE = re.compile(r"[^，。；]{2,10}类项目")
# ...of the kinds the texts sort projects into ("医药冷链物流（现代服务业）" is a
# services project, whatever it carries).
PROJECT_KINDS = {"industrial", "modern_services", "agriculture"}


def read_sectors(profile, text: str, excluded: list[tuple[int, int]], only=None) -> None:
    """The sectors (of ``only`` keys, when given) ``text`` names outside
    ``excluded`` spans (an event's words), longest words first, narrowest kept."""
    taken: list[tuple[int, int]] = []
    for sector in sorted(SECTORS, key=lambda s: -max(map(len, s.words))):
        if only is not None and sector.key not in only:
            continue
        for word in sorted(sector.words, key=len, reverse=True):
            for m in re.finditer(re.escape(word), text):
                span = (m.start(), m.end())
                if any(s <= span[0] and span[1] <= e for s, e in [*excluded, *taken]):
                    continue
                taken.append(span)
                if sector.key not in profile.sectors:
                    profile.sectors.append(sector.key)
                    profile.readings.append(
                        {"field": "sector", "key": sector.key, "label": sector.label,
                         "words": word}
                    )
    kept = {t.key for t in narrowest(
        [Term("sector", key, "", "") for key in profile.sectors], SECTORS_BY_KEY)}
    profile.sectors = [key for key in profile.sectors if key in kept]
