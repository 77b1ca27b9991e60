"""The one CSV writer of every export: the API's and the site's ``?format=csv``,
the admin's export and the open-data release.

Spreadsheets run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula, and text from a source
document, a curation or an import can begin with any of them ("CSV
injection", OWASP).  As OWASP recommends, such a cell is written with a
single quote in front, which spreadsheets show as text and never run.  Two
choices of ours:

- a cell that is wholly a number (``-3.5``, ``+2``, ``-1e3``) is left as it
  is: it cannot be a formula, and it stays a number in the spreadsheet;
- a cell that begins with the quote itself gets one more, so that
  ``restore`` (used by the admin import) undoes ``neutralise`` exactly.
"""

import csv
import io
import json
import re

# Excel guesses the encoding of a CSV file from its first bytes; without the
# BOM it reads UTF-8 Chinese as GBK mojibake.
UTF8_BOM = "\ufeff"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula."""
    if text.startswith(QUOTE):
        return QUOTE + text
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """The text ``neutralise`` was given (for cells read back by an import)."""
    return text[1:] if text.startswith(QUOTE) else text


def cell_text(value) -> str:
    """One spreadsheet cell: lists and objects as JSON, None as empty,
    formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    return neutralise(text)


def write_csv(out, header, rows, *, delimiter=","):
    """Write the BOM, ``header`` and ``rows`` (sequences of values) to the
    text stream ``out``, every cell through ``cell_text``."""
    out.write(UTF8_BOM)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in header])
    for row in rows:
        writer.writerow([cell_text(value) for value in row])


def csv_text(header, rows, *, delimiter=",") -> str:
    out = io.StringIO()
    write_csv(out, header, rows, delimiter=delimiter)
    return out.getvalue()


def csv_bytes(header, rows) -> bytes:
    return csv_text(header, rows).encode("utf-8")
