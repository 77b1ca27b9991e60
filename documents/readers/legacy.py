"""Old Word (.doc) and WPS (.wps) files: OLE2 compound files.

Two converters, both Debian packages, both optional extras:

- ``antiword`` reads Word 97–2003 binaries (and the WPS files that are
  Word binaries inside, as WPS Office saves them) in milliseconds, one
  paragraph per line with ``-w 0``; tables come out as ``|``-separated
  rows, turned into the reader's cell separator.
- LibreOffice (``soffice --headless``) reads what antiword cannot (older
  WPS/Works layouts, files antiword refuses) by converting to ``.docx``,
  which the .docx reader then reads with its bold and table hints; it takes
  seconds a file, so it is the second choice.

Neither installed: one bilingual line saying how to install them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from documents.parsing.encoding import SourceError
from documents.readers.types import CELL_SEPARATOR, Reading

TIMEOUT_SECONDS = 120
NOT_INSTALLED = (
    "旧版 Word/WPS 文件（.doc/.wps）需要 antiword 或 LibreOffice：请运行 make install-office / "
    "old Word/WPS files (.doc/.wps) need antiword or LibreOffice: run make install-office"
)
UNREADABLE = (
    "无法读取这个旧版 Word/WPS 文件（可能已损坏或加密） / "
    "this old Word/WPS file cannot be read (damaged or encrypted?)"
)


def read_old_word(data: bytes) -> Reading:
    antiword = shutil.which("antiword")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not antiword and not soffice:
        raise SourceError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="policybase-doc-") as folder:
        source = Path(folder) / "source.doc"
        source.write_bytes(data)
        text = _antiword(antiword, source) if antiword else None
        if text is not None:
            return Reading(kind="doc", text=text, lines_are_paragraphs=True)
        converted = _soffice(soffice, source, Path(folder)) if soffice else None
    if converted is None:
        raise SourceError(UNREADABLE)
    from documents.readers.word import read_docx

    reading = read_docx(converted)
    reading.kind = "doc"
    return reading


def _antiword(program: str, source: Path) -> str | None:
    try:
        result = subprocess.run(
            [program, "-m", "UTF-8.txt", "-w", "0", str(source)],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return None
    text = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0 or not text.strip():
        return None
    return "\n".join(_line(line) for line in text.splitlines() if line.strip())


def _line(line: str) -> str:
    # antiword draws a table row as |cell|cell|: one line, cells separated.
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        return CELL_SEPARATOR.join(cell for cell in cells if cell)
    return stripped


def _soffice(program: str, source: Path, folder: Path) -> bytes | None:
    # Its own profile folder: a second LibreOffice running for the same user
    # would otherwise hand the job to the first one, or refuse.
    profile = (folder / "profile").as_uri()
    try:
        subprocess.run(
            [program, "--headless", "--norestore", f"-env:UserInstallation={profile}",
             "--convert-to", "docx", "--outdir", str(folder), str(source)],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return None
    converted = folder / "source.docx"
    return converted.read_bytes() if converted.exists() else None
