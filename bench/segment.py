"""Segmentation speed: documents.tokenize.segment_uncached against the code it
replaced (tests/documents/tokenize_reference.py: a character loop for the
normal form, jieba's own cut_for_search), in one process, on the ingested
provisions (run ``manage.py ingest`` first).

    .venv/bin/python bench/segment.py [--repeat 5]

A pass segments every provision's heading and text once, as ingest does; the
best of ``--repeat`` passes counts.  The new code caches the words of each
block (a run of Chinese, letters and digits between punctuation): its cache
is emptied before each "cold" pass, which so pays for every block the first
time the pass meets it; "warm" passes find every block in the cache.  Every
text's output is compared with the old code's.
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

from documents import tokenize  # noqa: E402
from documents.models import Provision  # noqa: E402
from tests.documents import tokenize_reference as reference  # noqa: E402


def rate(segment, texts, repeat, before_each=lambda: None):
    """Characters per second of the fastest of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        before_each()
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
    jieba = tokenize.tokenizer()
    loaded = time.perf_counter()
    tables = tokenize._tables()
    built = time.perf_counter()
    reference.segment_uncached(texts[0])  # OpenCC's tables load outside the timing

    old = rate(reference.segment_uncached, texts, args.repeat)
    cold = rate(tokenize.segment_uncached, texts, args.repeat, tables.search_block.cache_clear)
    warm = rate(tokenize.segment_uncached, texts, args.repeat)
    differ = [t for t in texts if tokenize.segment_uncached(t) != reference.segment_uncached(t)]

    print(f"{len(texts)} provisions, {sum(map(len, texts)):,} characters, one process")
    print(f"jieba dictionary loaded in {loaded - start:.2f} s ({len(jieba.FREQ):,} keys), "
          f"tables built in {built - loaded:.2f} s")
    print(f"old (jieba cut_for_search):   {old:>12,.0f} chars/s")
    print(f"new, block cache cold:        {cold:>12,.0f} chars/s  ({cold / old:.2f}x)")
    print(f"new, block cache warm:        {warm:>12,.0f} chars/s  ({warm / old:.2f}x)")
    print(f"identical output: {len(texts) - len(differ)}/{len(texts)} texts")
    if differ:
        sys.exit(f"DIFFERENT output for {len(differ)} texts, e.g. {differ[0][:80]!r}")


if __name__ == "__main__":
    main()
