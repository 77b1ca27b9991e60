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


def test_a_worker_that_dies_fails_the_segmentation_instead_of_hanging(monkeypatch):
    import multiprocessing
    import os
    import signal
    from concurrent.futures.process import BrokenProcessPool

    import pytest

    monkeypatch.setattr(segmentation, "PARALLEL_MIN", 10)
    texts = ["科技成果转化"] * 500
    with pytest.raises(BrokenProcessPool), segmenter(len(texts), processes=2) as parallel:
        assert parallel(texts) == [segmentation.segment(texts[0])] * 500
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)
        parallel(texts)
