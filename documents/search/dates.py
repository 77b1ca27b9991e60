"""When a policy was issued: the answer to "北湖的科技支持措施是哪天印发的".

The date a text was signed stands on a line of its own under the issuer
(a "signature" provision, "2023年3月15日") and shares no word with the
question, so no tier finds it.  When a query asks when something was
issued (the question form "issued", questions.txt), the date lines of the
document its first result belongs to are put first: the question named the
policy, and the best match for the rest of it is in that policy.
"""

from __future__ import annotations

from documents.parsing.lines import parse_date_line

from .backends.context import PROVISION_TABLE

ISSUED_FORM = "issued"


def asks_when_issued(query) -> bool:
    return any(form.name == ISSUED_FORM for form in query.questions)


def date_lines(connection, provision_id: int) -> list[int]:
    """The ids of the signature lines that are a date, in the document of
    ``provision_id``, in document order."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, p.text FROM {PROVISION_TABLE} p "
            f"JOIN {PROVISION_TABLE} q ON q.document_id = p.document_id "
            "WHERE q.id = %s AND p.kind = 'signature' ORDER BY p.position",
            [provision_id],
        )
        return [pk for pk, text in cursor.fetchall() if parse_date_line((text or "").strip())]


def dated_first(connection, query, ids: list[int]) -> list[int]:
    """``ids`` with the issue date of the first result's document first,
    when ``query`` asks when a policy was issued."""
    if not ids or not asks_when_issued(query):
        return ids
    first = date_lines(connection, ids[0])
    return first + [pk for pk in ids if pk not in first] if first else ids
