"""Segmenters compared: jieba 0.42.1 and documents/search/segmentation.py (rjieba, jieba-rs).

    .venv/bin/python bench/segmenters.py [--generated 10000] [--repeat 5] [--examples 5]

Does rjieba, given our dictionary and with HMM off, cut text exactly as jieba
does?  The texts are the ones the index sees, fed as the pipeline feeds them
(heading and text of each provision, normalised as documents.search.normalise
does before segmentation):

* every provision of the five bundled documents (fixtures/sources/*.txt),
* every provision of the genre documents (tests/data/genre/*.txt),
* a generated corpus: bench/search.py's generator (real provisions with half
  their clauses replaced by clauses from elsewhere, digits perturbed).

Provisions come from the parser (documents.parsing), so no database is needed.
Both modes the index uses are compared: search mode (``cut_for_search``, the
words stored for a provision) and precise mode (``cut``, the words of a
query term), as raw token sequences and as the index's words (runs of letters
and digits).  documents/search/segmentation.py hands rjieba jieba's own dictionary state
(every word of ``tokenizer().FREQ`` with its frequency, and jieba's total);
an rjieba with its bundled dictionary plus our words is compared too.

It prints, per text set and mode, how many texts get identical tokens, the
first differing examples, and characters per second (best of ``--repeat``
passes, CPU time of one process) of the index's words through jieba and
through documents/search/segmentation.py, and of cut_for_search alone.  Until rjieba
replaced it, documents/search/segmentation.py re-implemented jieba's word graph in
Python: git history has this script's run against it (commit message of the
commit that added the script).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")

import django  # noqa: E402

django.setup()

import rjieba  # noqa: E402

from documents.parsing.pipeline import parse_document  # noqa: E402
from documents.search import segmentation  # noqa: E402
from documents.search.normalise import normalise  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from search import CLAUSE, corpus  # noqa: E402

SOURCES = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))
GENRES = sorted((ROOT / "tests" / "data" / "genre").glob("*.txt"))


def provisions(path: Path) -> list[str]:
    """Heading and text of every provision of a document, as ingest joins them."""
    parsed = parse_document(path.read_bytes(), max_bytes=10 * 2**20)
    texts = []
    stack = list(reversed(parsed.provisions))
    while stack:
        p = stack.pop()
        texts.append(" ".join(filter(None, (p.heading, p.text))))
        stack.extend(reversed(p.children))
    return texts


def generated(templates: list[list[str]], n: int) -> list[str]:
    """n synthetic provisions from bench/search.py's generator."""
    clauses = [[(normalise(c), "") for c in t] for t in templates]
    pool = [c for t in clauses for c in t]
    return [plain for _, _, plain in corpus(n, clauses, pool)]


def jieba_index_text(text: str) -> str:
    return " ".join(
        segmentation.index_words(segmentation.tokenizer().cut_for_search(normalise(text), HMM=False))
    )


def rates(segmenters: dict, texts: list[str], repeat: int) -> dict:
    """Characters per second of each segmenter's fastest of ``repeat`` passes.

    Time is this process's CPU time, and the passes take turns, so that
    other work on the machine weighs on all of them alike."""
    best = dict.fromkeys(segmenters, float("inf"))
    for _ in range(repeat):
        for name, segment in segmenters.items():
            start = time.process_time()
            for text in texts:
                segment(text)
            best[name] = min(best[name], time.process_time() - start)
    chars = sum(map(len, texts))
    return {name: chars / seconds for name, seconds in best.items()}


def first_difference(a: list[str], b: list[str]) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, i - 3)
    return f"jieba {'/'.join(a[lo : i + 4])}  |  rjieba {'/'.join(b[lo : i + 4])}"


def compare(name: str, texts: list[str], cut, cut_for_search, examples: int) -> int:
    """Print how many texts ``cut``/``cut_for_search`` cut as jieba does (HMM
    off, our dictionary); return the number of differing token sequences."""
    tk = segmentation.tokenizer()
    normal = [normalise(t) for t in texts]
    chars = sum(map(len, texts))
    print(f"\n== {name}: {len(texts):,} texts, {chars:,} characters")
    differing = 0
    for mode, jieba_cut, rust_cut in (
        ("search ", lambda s: list(tk.cut_for_search(s, HMM=False)), cut_for_search),
        ("precise", lambda s: list(tk.cut(s, HMM=False)), cut),
    ):
        same_tokens = same_words = 0
        shown = 0
        for text in normal:
            a, b = jieba_cut(text), rust_cut(text)
            same_tokens += a == b
            same_words += segmentation.index_words(a) == segmentation.index_words(b)
            if a != b:
                differing += 1
                if shown < examples:
                    shown += 1
                    print(f"   {mode} differs in {text[:40]!r}: {first_difference(a, b)}")
        n = len(normal) or 1
        print(f"  {mode}: identical tokens {same_tokens:,}/{len(normal):,} "
              f"({100 * same_tokens / n:.2f}%), identical index words "
              f"{same_words:,}/{len(normal):,} ({100 * same_words / n:.2f}%)")
    return differing


def speeds(name: str, texts: list[str], repeat: int) -> None:
    tk = segmentation.tokenizer()
    normal = [normalise(t) for t in texts]
    index = rates({"jieba": jieba_index_text, "ours": segmentation.segment},
                  texts, repeat)
    raw = rates({
        "jieba": lambda s: list(tk.cut_for_search(s, HMM=False)),
        "ours": segmentation.cut_for_search,
    }, normal, repeat)
    base = index["jieba"]
    print(f"\n  speed on {name}, chars/s, CPU time of one process:")
    print(f"    index words incl. normalising: jieba {base:,.0f}, documents/search/segmentation.py "
          f"(rjieba) {index['ours']:,.0f} ({index['ours'] / base:.1f}x)")
    print(f"    cut_for_search alone:          jieba {raw['jieba']:,.0f}, rjieba "
          f"{raw['ours']:,.0f} ({raw['ours'] / raw['jieba']:.1f}x)")


def bundled_dictionary_with_our_words() -> "rjieba.Jieba":
    """rjieba's own dictionary plus our words, as a user of rjieba who does
    not copy jieba's dictionary would load it (its total is then not
    jieba's: the sum of a dict.txt without jieba's duplicate lines)."""
    tk = segmentation.tokenizer()
    rust = rjieba.Jieba()
    words = [line.split()[0] for line in
             segmentation.USER_DICT.read_text(encoding="utf-8").splitlines() if line.strip()]
    for word in words + segmentation._synonym_words():
        if tk.FREQ.get(word):
            rust.add_word(word, tk.FREQ[word], None)
    return rust


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    segmentation.tokenizer()
    loaded = time.perf_counter()
    segmentation.cut("")  # rjieba takes jieba's dictionary here
    built = time.perf_counter()
    default = bundled_dictionary_with_our_words()
    print(f"jieba dictionary loaded: {loaded - start:.2f} s; handed to rjieba: "
          f"{built - loaded:.2f} s; rjieba's own dictionary: "
          f"{time.perf_counter() - built:.2f} s")

    sources = [t for path in SOURCES for t in provisions(path)]
    genres = [t for path in GENRES for t in provisions(path)]
    templates = [CLAUSE.findall(t) for t in sources]
    synthetic = generated([t for t in templates if t], args.generated)
    sets = [("bundled provisions", sources), ("genre provisions", genres),
            (f"generated corpus ({args.generated:,})", synthetic)]

    total = 0
    for name, texts in sets:
        total += compare(name, texts, segmentation.cut, segmentation.cut_for_search, args.examples)
    for name, texts in sets:
        compare(f"{name}, rjieba's own dictionary + our words", texts,
                lambda s: default.cut(s, False), lambda s: default.cut_for_search(s, False),
                args.examples)

    rng = random.Random(3)
    for name, texts in sets:
        speeds(name, texts if len(texts) < 5000 else rng.sample(texts, 5000), args.repeat)
    print(f"\n{'identical everywhere' if not total else f'{total} differing token sequences'}")


if __name__ == "__main__":
    main()
