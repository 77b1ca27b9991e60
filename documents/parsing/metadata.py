"""Stage 4, metadata: reads ``NormalisedText``, writes ``DocumentMeta``.

Only what the text itself states, from whole lines (lines.py):

- title: the first standalone title line before the first heading
  ("吉林省科学技术发展“十四五”规划", "创新型吉林建设科技行动计划"), else the
  《…》 of a forwarding sentence ("《吉林省促进科技成果转移转化实施方案》已经
  省政府同意，现印发给你们");
- doc_number: a 文号 standing alone on its line before the first heading
  ("吉科发办〔2022〕109号"); numbers cited in the body ("（国办发〔2016〕28号）")
  never stand alone;
- issued_on: the last line that is only a date (the signature block);
- issuer: the line right above that date, if it is an organisation name;
- doc_type: the genre word the title ends with (方案, 规划, 答复 …).

Whatever the text does not say stays None: 000 starts mid-sentence and has
no title, number, issuer or date, so all five fields are None.
"""

from __future__ import annotations

from documents.parsing import lines as line_grammar
from documents.parsing.headings import HeadingMatcher
from documents.parsing.types import DocumentMeta, NormalisedText


def _front_matter(paragraphs: list[str]) -> list[str]:
    """The paragraphs before the first heading."""
    matcher = HeadingMatcher()
    for k, paragraph in enumerate(paragraphs):
        if matcher.match(paragraph) is not None:
            return paragraphs[:k]
    return paragraphs


def detect_meta(normalised: NormalisedText) -> DocumentMeta:
    paragraphs = [p for p in normalised.text.split("\n") if p]
    front = _front_matter(paragraphs)

    title = next((p for p in front if line_grammar.is_title_line(p)), None)
    if title is None:
        title = next((t for p in front if (t := line_grammar.forwarded_title(p))), None)
    doc_number = next((p for p in front if line_grammar.is_doc_number(p)), None)

    issued_on = issuer = None
    for k in range(len(paragraphs) - 1, -1, -1):
        issued_on = line_grammar.parse_date_line(paragraphs[k])
        if issued_on is not None:
            if k and line_grammar.is_org_name(paragraphs[k - 1]):
                issuer = paragraphs[k - 1]
            break

    return DocumentMeta(
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        issued_on=issued_on,
        doc_type=line_grammar.doc_type_of(title) if title else None,
    )
