"""Question forms (documents/search/data/questions.txt): what a query asks
for, and what its answer looks like in a provision.

多少家, 补多少, 什么算 say what kind of answer is wanted — a count, an
amount, a definition — the way a question-answering system types its
answers.  The words of the form are no subject of the query (家 in 多少家 is
the answer's unit), and a provision holding an answer of that kind (320家,
50万元, 所称…是指) ranks higher within its tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.txt"


@dataclass(frozen=True)
class QuestionForm:
    name: str
    asked: re.Pattern
    answer: re.Pattern


@cache
def question_forms() -> tuple[QuestionForm, ...]:
    forms = []
    for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, asked, answer = (part.strip() for part in line.split(" | "))
        forms.append(QuestionForm(name, re.compile(asked), re.compile(answer)))
    return tuple(forms)


def asked_forms(text: str) -> list[tuple[QuestionForm, list[tuple[int, int]]]]:
    """The question forms a normalised query uses, each with its spans."""
    found = []
    for form in question_forms():
        spans = [m.span() for m in form.asked.finditer(text)]
        if spans:
            found.append((form, spans))
    return found
