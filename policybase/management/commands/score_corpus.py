"""``manage.py score_corpus FOLDER``: score the pipeline against annotations.

Every ``<key>.txt`` of the folder is read, parsed and extracted as an ingest
would (``policybase.ingest.dry_run``: no database, no manifest, so the
metadata comes from the text alone) and compared with ``<key>.json``
(tests/data/corpus/README.md) by ``policybase.scoring``.  Prints one line per
document and the total; ``--verbose`` lists every miss and extra with its
sentence; ``--json`` prints the same as JSON; ``--renumbered`` scores the
texts with every quantity doubled (``policybase.renumber``).
"""

import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.parsing.encoding import SourceError
from policybase import renumber, scoring
from policybase.ingest.dry_run import extract_without_saving
from policybase.ingest.sources import source_from_path


def score_folder(folder: Path, *, renumbered: bool = False) -> list[scoring.DocumentScore]:
    """The score of every annotated text of ``folder``, in name order;
    ``renumbered``: of the texts with their numbers changed
    (``policybase.renumber``)."""
    texts = sorted(folder.glob("*.txt"))
    if not texts:
        raise CommandError(
            f"文件夹中没有 .txt 文件：{folder} / no .txt files in {folder}"
        )
    scores = []
    for path in texts:
        annotation_path = path.with_suffix(".json")
        if not annotation_path.is_file():
            raise CommandError(
                f"缺少标注文件：{annotation_path.name} / annotation missing: {annotation_path}"
            )
        annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
        if renumbered:
            with tempfile.TemporaryDirectory() as scratch:
                annotation, path = _renumbered(path, annotation, Path(scratch))
                extracted = _extracted(path)
            alike = renumber.same_terms_renumbered
        else:
            extracted, alike = _extracted(path), None
        scores.append(scoring.score_document(annotation, extracted, alike=alike))
    return scores


def _extracted(path: Path) -> scoring.Extracted:
    try:
        context = extract_without_saving(source_from_path(path))
    except SourceError as exc:
        raise CommandError(f"{path.name}: {exc}") from None
    return scoring.extracted_from(path.stem, context.parsed, context.document, context.found)


def _renumbered(path: Path, annotation: dict, scratch: Path) -> tuple[dict, Path]:
    """The text with its numbers changed, written under ``scratch`` by the
    same name, and its annotation moved alike."""
    text = path.read_text(encoding="utf-8")
    changed = renumber.Renumbered(text)
    copy = scratch / path.name
    copy.write_text(changed.text, encoding="utf-8")
    return renumber.renumbered_annotation(annotation, text, changed), copy


class Command(BaseCommand):
    help = (
        "Score the pipeline on a folder of annotated texts / "
        "按标注评测文件夹中的文本 (tests/data/corpus/dev)"
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder of <key>.txt + <key>.json / 语料文件夹")
        parser.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
        parser.add_argument(
            "--renumbered",
            action="store_true",
            help="score the texts with every quantity doubled / 将文中数量加倍后评测",
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="list misses and extras with their sentences / 列出遗漏与多余",
        )

    def handle(self, *args, folder, json, verbose, renumbered, **options):
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"不是文件夹：{folder} / not a folder: {folder}")
        scores = score_folder(folder, renumbered=renumbered)
        if json:
            self.stdout.write(scoring.as_json(scores, verbose=verbose))
        else:
            self.stdout.write(scoring.format_table(scores, verbose=verbose))
