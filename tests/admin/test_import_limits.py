"""The admin's fact import: a size limit checked before the file is read, and
errors a curator can read (Chinese and English words, no Python class names)."""

import html
import re

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from targets.models import Target

from .test_history import export_rows, fact_500, one_document  # noqa: F401

pytestmark = pytest.mark.usefixtures("one_document")

CLASS_NAMES = re.compile(
    r"<class |Error'|[A-Z][a-z]+Error\b|InvalidOperation|ConversionSyntax|DoesNotExist"
    r"|matching query"
)


def post_import(client, content, file_format="csv"):
    formats = [f().get_title() for f in admin.site._registry[Target].get_import_formats()]
    return client.post(
        reverse("admin:targets_target_import"),
        {
            "format": formats.index(file_format),
            "resource": "0",
            "import_file": SimpleUploadedFile("targets.csv", content),
        },
    )


def shown_errors(response):
    """The text of the form's and the rows' error messages."""
    page = response.content.decode()
    parts = re.findall(
        r'(?s)class="(?:errorlist|import-error-display-message|validation-error-list)'
        r'[^"]*"[^>]*>(.*?)</(?:ul|div)>',
        page,
    )
    return html.unescape(re.sub(r"<[^>]+>|\s+", " ", " ".join(parts)))


def edited_csv(**values):
    fact = fact_500()
    dataset = export_rows([fact.pk])
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(values)
    edited = tablib.Dataset(headers=dataset.headers)
    edited.append([row[h] for h in dataset.headers])
    return edited.export("csv").encode("utf-8")


def test_a_file_above_the_limit_is_refused_before_it_is_read(curator_client, settings):
    settings.FACT_IMPORT_MAX_BYTES = 4096
    content = edited_csv(reason="x" * 5000)
    response = post_import(curator_client, content)
    assert response.status_code == 200
    assert "result" not in response.context  # nothing was parsed
    errors = shown_errors(response)
    assert "文件过大" in errors and "more than the 4096 bytes" in errors
    # Under the limit the same kind of file is previewed.
    response = post_import(curator_client, edited_csv(value="505"))
    assert response.context["result"].rows[0].import_type == "update"


def test_the_default_limit_is_two_megabytes(curator_client, settings):
    assert settings.FACT_IMPORT_MAX_BYTES == 2 * 1024 * 1024
    header = edited_csv(value="505").split(b"\r\n")[0]
    content = header + b"\r\n" + b"1,a\r\n" * (2 * 1024 * 1024 // 4)
    errors = shown_errors(post_import(curator_client, content))
    assert "文件过大" in errors


@pytest.mark.parametrize(
    "values, words",
    [
        ({"value": "abc"}, ["不是数字", "not a number", "abc"]),
        ({"year": "二〇二五"}, ["不是数字", "not a number"]),
        ({"indicator": "no_such_indicator"}, ["不存在", "no such indicator"]),
        ({"id": "999999999"}, ["只能更正已有的事实", "only correct existing facts"]),
        ({"id": ""}, ["只能更正已有的事实", "only correct existing facts"]),
    ],
)
def test_row_errors_are_words(curator_client, values, words):
    response = post_import(curator_client, edited_csv(**values))
    errors = shown_errors(response)
    for word in words:
        assert word in errors, errors
    assert not CLASS_NAMES.search(errors), errors
    assert "confirm_form" not in response.context


@pytest.mark.parametrize(
    "content, file_format, words",
    [
        ("id,value\r\n1,中文\r\n".encode("gbk"), "csv", ["UTF-8", "CSV UTF-8"]),
        (b"{not json", "json", ["无法按 JSON 格式读取", "could not be read as JSON"]),
        (b"{[", "yaml", ["无法按 YAML 格式读取", "could not be read as YAML"]),
    ],
)
def test_an_unreadable_file_is_reported_in_words(
    curator_client, content, file_format, words
):
    errors = shown_errors(post_import(curator_client, content, file_format))
    for word in words:
        assert word in errors, errors
    assert not CLASS_NAMES.search(errors), errors
