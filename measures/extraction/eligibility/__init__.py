"""Eligibility of support rules: who may apply, where, on what event, under
which conditions, and what the amount is paid per — each read from the
words of the rule's clause, with their offsets.

Pure Python (no Django).  ``read_scope(title, issuer, text)`` reads a
document's place and scope once; ``read_eligibility(text, start=, end=,
sentence=, scope=, quantities=, …)`` one rule.  Its modules:

* ``events``: the triggering events (data);
* ``terms``: sectors, thresholds, per, vague and local conditions (data);
* ``reading``: the reading of one rule (engine);
* ``scope``: the reading of a document's place and scope.

The target groups are ``measures.beneficiaries``; places ``measures.
extraction.places``.  Conditions a clause leaves vague ("达到一定数额") are
kept as written, never given a number.
"""

from measures.extraction.eligibility.reading import (
    Eligibility,
    Scope,
    Term,
    read_eligibility,
)
from measures.extraction.eligibility.scope import read_scope

__all__ = ["Eligibility", "Scope", "Term", "read_eligibility", "read_scope"]
