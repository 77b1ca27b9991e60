"""CSV for spreadsheets: ``?format=csv`` on any list."""

from rest_framework.renderers import BaseRenderer

from .spreadsheets import csv_bytes


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
        columns = list(rows[0].keys()) if rows else []
        return csv_bytes(columns, ([row.get(c) for c in columns] for row in rows))
