"""The period of a text that prints no date and no term (a text that lost its
header): inferred, and said to be.

It opens no earlier than the latest dated event the text implements ("为贯彻
落实党的十八届三中全会精神") or document it cites ("国发〔2015〕32号"), and
closes with the end of the last deadline it sets itself ("到2020年") in or
after that year.  ``documents.extraction.validity`` calls it when nothing
else decides; its evidence sentences carry the rules ``cited_event``,
``cited_number`` and ``deadline``.
"""

from __future__ import annotations

import re
from datetime import date

from documents.extraction.numerals import parse_chinese
from documents.extraction.periods import find_periods

# Dated events a text implements, by the name it cites them with: the
# closing day of each Party Congress and plenary session of its Central
# Committee (a text that implements one was written after it).
PARTY_CONGRESSES = {15: date(1997, 9, 18), 16: date(2002, 11, 14), 17: date(2007, 10, 21),
                    18: date(2012, 11, 14), 19: date(2017, 10, 24), 20: date(2022, 10, 22)}
PARTY_PLENUMS = {
    (16, 3): date(2003, 10, 14), (16, 4): date(2004, 9, 19), (16, 5): date(2005, 10, 11),
    (16, 6): date(2006, 10, 11), (17, 2): date(2008, 2, 27), (17, 3): date(2008, 10, 12),
    (17, 4): date(2009, 9, 18), (17, 5): date(2010, 10, 18), (17, 6): date(2011, 10, 18),
    (17, 7): date(2012, 11, 4), (18, 1): date(2012, 11, 15), (18, 2): date(2013, 2, 28),
    (18, 3): date(2013, 11, 12), (18, 4): date(2014, 10, 23), (18, 5): date(2015, 10, 29),
    (18, 6): date(2016, 10, 27), (18, 7): date(2017, 10, 14), (19, 1): date(2017, 10, 25),
    (19, 2): date(2018, 1, 19), (19, 3): date(2018, 2, 28), (19, 4): date(2019, 10, 31),
    (19, 5): date(2020, 10, 29), (19, 6): date(2021, 11, 11), (19, 7): date(2022, 10, 12),
    (20, 1): date(2022, 10, 23), (20, 2): date(2023, 2, 28), (20, 3): date(2024, 7, 18),
    (20, 4): date(2025, 10, 23),
}
_TERM_NUMERAL = r"(?P<term>二十|十[五六七八九])"
CITED_EVENT_RE = re.compile(
    rf"{_TERM_NUMERAL}(?:大|次全国代表大会|届(?P<plenum>[一二三四五六七])中全会)"
)
# A cited document number ("国发〔2015〕32号"): the text is no older than its year.
CITED_NUMBER_RE = re.compile(r"[〔［\[](?P<year>(?:19|20)\d{2})[〕］\]]\s*\d{1,4}\s*号")


def inferred_period(reader):
    """(start, end, evidence) of a text that prints no date and no term: no
    earlier than the latest dated event or document number it cites, no
    later than the end of the last deadline it sets ("到2020年") in or after
    that year; None when neither can be read."""
    latest = None  # (day, rule, offset)
    for m in CITED_EVENT_RE.finditer(reader.text):
        term = int(parse_chinese(m.group("term")))
        if m.group("plenum"):
            day = PARTY_PLENUMS.get((term, int(parse_chinese(m.group("plenum")))))
        else:
            day = PARTY_CONGRESSES.get(term)
        if day and (latest is None or day > latest[0]):
            latest = (day, "cited_event", m.start())
    for m in CITED_NUMBER_RE.finditer(reader.text):
        day = date(int(m.group("year")), 1, 1)
        if latest is None or day > latest[0]:
            latest = (day, "cited_number", m.start())
    evidence = []
    start = None
    if latest:
        start, rule, at = latest
        evidence.append(reader.evidence(rule, "start", reader.sentence_of(at), start))
    deadline = None
    for period in find_periods(reader.text):
        if period.kind != "year" or not period.future:
            continue
        if start and period.year_end < start.year:
            continue
        if deadline is None or period.year_end > deadline.year_end:
            deadline = period
    end = None
    if deadline is not None:
        end = date(deadline.year_end, 12, 31)
        evidence.append(
            reader.evidence("deadline", "end", reader.sentence_of(deadline.start), end)
        )
    if start is None and end is None:
        return None
    return start, end, evidence
