"""Segmentation speed: documents.search.segmentation.segment (rjieba) against the
code it replaced (tests/search/segmentation_reference.py: a character loop for
the normal form, jieba's own cut_for_search), in one process, on the ingested
provisions (run ``manage.py ingest`` first).

    .venv/bin/python bench/segment.py [--repeat 5]

A pass segments every provision's heading and text once, as ingest does; the
best of ``--repeat`` passes counts.  Every text's output is compared with the
old code's.  bench/segmenters.py compares the segmenters without a database,
on more text.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")

import django  # noqa: E402

django.setup()

from documents.models import Provision  # noqa: E402
from documents.search import segmentation  # noqa: E402
from tests.search import segmentation_reference as reference  # noqa: E402


def rate(segment, texts, repeat):
    """Characters per second of the fastest of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            segment(text)
        best = min(best, time.perf_counter() - start)
    return sum(map(len, texts)) / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    texts = [
        " ".join(filter(None, (p.heading, p.text))) for p in Provision.objects.order_by("pk")
    ]
    if not texts:
        sys.exit("No provisions: run `manage.py ingest` first.")

    start = time.perf_counter()
    jieba = segmentation.tokenizer()
    loaded = time.perf_counter()
    segmentation.segment(texts[0])  # rjieba takes the dictionary here
    built = time.perf_counter()
    reference.segment_uncached(texts[0])  # OpenCC's tables load outside the timing

    old = rate(reference.segment_uncached, texts, args.repeat)
    new = rate(segmentation.segment, texts, args.repeat)
    differ = [t for t in texts if segmentation.segment(t) != reference.segment_uncached(t)]

    print(f"{len(texts)} provisions, {sum(map(len, texts)):,} characters, one process")
    print(f"jieba dictionary loaded in {loaded - start:.2f} s ({len(jieba.FREQ):,} keys), "
          f"handed to rjieba in {built - loaded:.2f} s")
    print(f"old (jieba cut_for_search):   {old:>12,.0f} chars/s")
    print(f"new (rjieba cut_for_search):  {new:>12,.0f} chars/s  ({new / old:.2f}x)")
    print(f"identical output: {len(texts) - len(differ)}/{len(texts)} texts")
    if differ:
        sys.exit(f"DIFFERENT output for {len(differ)} texts, e.g. {differ[0][:80]!r}")


if __name__ == "__main__":
    main()
