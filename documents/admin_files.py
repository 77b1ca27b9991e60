"""The files of the admin's fact import and export (django-import-export).

- CSV and TSV are written by the one CSV writer of every export
  (``documents.apikit.spreadsheets``), so no cell runs as a formula in a
  spreadsheet; reading them back undoes that quote.  HTML, which
  spreadsheets open too, is not offered.
- An upload larger than ``FACT_IMPORT_MAX_BYTES`` is refused before it is
  read: parsing a file costs many times its size in memory.
- A file that cannot be read is reported in words, not by the Python
  exception's class name.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from import_export.formats import base_formats
from import_export.forms import ImportForm

from .apikit.spreadsheets import csv_text, restore


class DelimitedText:
    """CSV-like formats: written through ``csv_text``, read with ``restore``."""

    delimiter = ","

    def export_data(self, dataset, **kwargs):
        return csv_text(dataset.headers or [], dataset, delimiter=self.delimiter)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        for index, row in enumerate(dataset):
            dataset[index] = [restore(c) if isinstance(c, str) else c for c in row]
        return dataset


class CSV(DelimitedText, base_formats.CSV):
    pass


class TSV(DelimitedText, base_formats.TSV):
    delimiter = "\t"


FORMATS = [CSV, TSV, base_formats.JSON, base_formats.YAML]


class LimitedImportForm(ImportForm):
    """The import form, refusing files above ``FACT_IMPORT_MAX_BYTES``."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.FACT_IMPORT_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                f"文件过大（{filesizeformat(upload.size)}），一次最多导入 "
                f"{filesizeformat(limit)}，请拆分后分批导入 / the file is "
                f"{upload.size} bytes, more than the {limit} bytes one import "
                "takes: split it and import the parts one by one"
            )
        return upload


def read_failure_message(exc, file_format) -> str:
    """Why an uploaded file could not be read, for a curator."""
    if isinstance(exc, UnicodeDecodeError):
        return (
            "文件不是 UTF-8 编码的文本，请在表格软件中另存为“CSV UTF-8”后重新导入 / "
            "the file is not UTF-8 text: save it as “CSV UTF-8” and import it again"
        )
    name = file_format.get_title().upper()
    return (
        f"无法按 {name} 格式读取文件，请检查所选格式与文件内容 / the file could not "
        f"be read as {name}: check the chosen format and the file"
    )
