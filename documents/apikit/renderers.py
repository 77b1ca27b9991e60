"""CSV for spreadsheets: ``?format=csv`` on any list."""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

# Excel guesses the encoding of a CSV file from its first bytes; without the
# BOM it reads UTF-8 Chinese as GBK mojibake.
UTF8_BOM = "\ufeff"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        elif isinstance(data, dict):
            rows = [data]
        else:
            rows = []
        out = io.StringIO()
        out.write(UTF8_BOM)
        columns = list(rows[0].keys()) if rows else []
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell_text(row.get(c)) for c in columns])
        return out.getvalue().encode("utf-8")


def cell_text(value):
    """One spreadsheet cell: lists and objects as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)
