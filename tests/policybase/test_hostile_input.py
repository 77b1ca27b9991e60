"""Ingest under hostile input (issue 17): one bad document never sinks a run,
numbers too large for their column are dropped with a warning, files that
are not regular files are refused without being read, and a CR-only file
parses like any other."""

import os
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document
from measures.models import Subsidy
from targets.models import Figure, Target

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
BUNDLED = SOURCES / "002_15082945984c2784.txt"
CURATED = SOURCES / "004_36165f6247ccf326.txt"  # the one with shipped curations

# Enough ordinary policy text to pass the "is this Chinese text" check.
PREAMBLE = (
    "为深入实施创新驱动发展战略，加快建设科技强省，现就支持企业技术创新提出如下措施。\n"
    "一、加大研发投入支持\n"
)


@pytest.fixture(autouse=True)
def empty_database(db):
    Document.objects.all().delete()


def ingest(*args):
    """(stdout, CommandError or None) of ``manage.py ingest``."""
    out = StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def write(path: Path, body: str) -> Path:
    path.write_text(PREAMBLE + body, encoding="utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("digits", [400, 25, 19])
def test_a_number_too_large_for_its_column_is_dropped_with_a_warning(tmp_path, digits):
    huge = "9" * digits
    bad = write(
        tmp_path / "huge.txt",
        f"（一）对新认定的高新技术企业，给予最高{huge}万元奖励。"
        f"到2025年，全省研发经费投入达到{huge}亿元，技术合同成交额达到120亿元。"
        "对新建的省级重点实验室给予最高100万元补助。\n",
    )
    output, error = ingest(bad, BUNDLED)
    assert error is None, output
    assert "Summary / 汇总: documents 2 ok, 0 failed" in output
    assert "out of range" in output and "超出" in output
    doc = Document.objects.get(key="huge")
    assert not Target.objects.filter(document=doc, raw_text__contains="9999").exists()
    assert not Subsidy.objects.filter(document=doc, raw_text__contains="9999").exists()
    # The sane numbers of the same document are kept.
    assert Target.objects.filter(document=doc, value=120).exists()
    assert Subsidy.objects.filter(document=doc, amount_max=1_000_000).exists()


@pytest.mark.django_db
def test_a_failing_document_does_not_stop_the_run(tmp_path, monkeypatch):
    from policybase.ingest import stages

    bad = write(tmp_path / "boom.txt", "（一）对新认定的企业给予最高100万元奖励。\n")
    original = stages.ExtractFacts.__call__

    def explode(self, context):
        if context.source.key == "boom":
            raise RuntimeError("simulated fault")
        return original(self, context)

    monkeypatch.setattr(stages.ExtractFacts, "__call__", explode)
    output, error = ingest(bad, CURATED)
    assert error is not None  # the exit status says a file failed …
    assert "Summary / 汇总: documents 1 ok, 1 failed" in output  # … after the summary
    assert "✗ boom.txt" in output and "RuntimeError" in output
    assert not Document.objects.filter(key="boom").exists()
    bundled = Document.objects.get(key="st-development-plan-14th-fyp")
    # The curations of the documents that did ingest were re-applied.
    assert bundled.curations.exists()


@pytest.mark.django_db
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    output, error = ingest(fifo, BUNDLED)
    assert error is not None
    assert "不是普通文件 / not a regular file" in output
    assert Document.objects.filter(key="cppcc-proposal-201-reply-2022").exists()


@pytest.mark.django_db
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it():
    output, error = ingest("/dev/zero")
    assert error is not None
    assert "不是普通文件 / not a regular file" in output


@pytest.mark.django_db
def test_an_empty_directory_is_refused(tmp_path):
    # A folder is walked for files (documents.readers); one without any is an error.
    output, error = ingest(tmp_path)
    assert error is not None
    assert "没有可导入的文件" in str(error) and "no files to ingest" in str(error)


def test_reading_stops_one_byte_past_the_limit(tmp_path, settings, monkeypatch):
    """A file that grows after its size was checked is still read only up to
    the limit + 1 byte, and refused."""
    from policybase.ingest import stages
    from policybase.ingest.context import IngestContext
    from policybase.ingest.sources import SourceFile

    settings.INGEST_MAX_BYTES = settings.INGEST_MAX_FILE_BYTES = 1000
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 100_000)
    reads = []
    real_read = os.read

    def counting_read(fd, n):
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(stages.os, "read", counting_read)
    context = IngestContext(source=SourceFile(path=path, key="big"), version="1")
    with pytest.raises(stages.SourceError, match="file too large"):
        stages.ReadBytes()(context)
    assert sum(reads) <= 1001


@pytest.mark.django_db
def test_a_file_with_carriage_returns_only_parses_into_its_provisions(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8").replace("\r\n", "\n")
    unix = tmp_path / "unix.txt"
    unix.write_text(text, encoding="utf-8")
    mac = tmp_path / "mac.txt"
    mac.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    output, error = ingest(unix, mac)
    assert error is None, output
    one, other = (Document.objects.get(key=k) for k in ("unix", "mac"))
    assert other.provisions.count() == one.provisions.count() > 10
    assert list(other.provisions.values_list("kind", "label", "text")) == list(
        one.provisions.values_list("kind", "label", "text")
    )
    for model in (Target, Figure, Subsidy):
        assert model.objects.filter(document=other).count() == (
            model.objects.filter(document=one).count()
        )


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("POSIX file types")
