"""A restore reuses the words each provision was indexed under, after
checking a sample of them against the segmenter of today (in a forked
process while the load goes on, when there are many provisions)."""

import pytest

from documents.models import Provision
from documents.search import index, segmentation
from documents.search.engine import search

QUERIES = ("科技成果转化", "研发投入", "高新技术企业", "碳达峰")


def results():
    return {q: search(q, facets=False).ids for q in QUERIES}


def counting_segment(monkeypatch):
    calls = []
    real = index.segment

    def segment(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(index, "segment", segment)
    return calls


@pytest.fixture(params=["here", "forked"])
def checked(request, monkeypatch):
    """The sample checked in this process, or in a forked one (as for many provisions)."""
    if request.param == "forked":
        monkeypatch.setattr(segmentation, "PARALLEL_MIN", 1)
    return request.param


def test_current_words_are_reused_and_give_the_same_index(corpus, checked, monkeypatch):
    index.rebuild()
    expected = results()
    calls = counting_segment(monkeypatch)
    assert index.rebuild(reuse_words=True) == Provision.objects.count()
    # Only the sample was segmented again (in the other process, if forked).
    assert len(calls) <= index.WORDS_SAMPLE < Provision.objects.count()
    assert checked == "here" or not calls
    assert results() == expected


@pytest.mark.parametrize("stale", ["", "另一个 分词器 的 词"])
def test_stale_words_are_segmented_again(corpus, checked, stale):
    index.rebuild()
    expected = results()
    words = dict(Provision.objects.values_list("pk", "search_text"))
    # Words of another segmenter (or none): the sample sees it.
    Provision.objects.update(search_text=stale)
    index.rebuild(reuse_words=True)
    assert dict(Provision.objects.values_list("pk", "search_text")) == words
    assert results() == expected
