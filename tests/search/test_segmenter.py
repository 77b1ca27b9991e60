"""Segmentation in worker processes gives exactly what one process gives."""

from pathlib import Path

from documents.search import segmentation
from documents.search.segmentation import segmenter

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def test_parallel_segmentation_equals_serial(monkeypatch):
    lines = [
        line
        for path in sorted(SOURCES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 200
    with segmenter(len(lines), processes=1) as serial:
        expected = serial(lines)
    monkeypatch.setattr(segmentation, "PARALLEL_MIN", 10)
    with segmenter(len(lines), processes=2) as parallel:
        assert parallel(lines) == expected
    assert expected[0] == segmentation.segment(lines[0])
