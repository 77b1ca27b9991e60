"""The layering the import-linter contracts in pyproject.toml enforce.

``lint-imports`` must keep every contract on the tree as it is, and must
break them when an app reaches up into the project package or a parser
imports Django: the second half runs the same contracts on a copy of the
packages with one such import added, so a contract that silently stopped
checking anything would fail here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("policybase", "documents", "measures", "targets")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# Application code, not migrations, tests or bench/: past this size a module
# holds more than one idea.
MAX_MODULE_LINES = 600


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_tree(destination: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", destination)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            destination / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.txt", "*.json"),
        )
    return destination


pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed"
)


def test_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("measures/models.py", "import policybase.settings", "orchestrates"),
        ("targets/models.py", "import measures.models", "orchestrates"),
        ("documents/models.py", "import targets.models", "orchestrates"),
        ("documents/parsing/lines.py", "import django.db", "pure Python"),
        ("targets/extraction/__init__.py", "from django.db import models", "pure Python"),
    ],
)
def test_a_violation_breaks_a_contract(tmp_path, module, line, contract):
    tree = copy_tree(tmp_path)
    path = tree / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(tree)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith(" BROKEN")]
    assert any(contract in row for row in broken), result.stdout


def test_no_module_of_application_code_is_oversized():
    oversized = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_MODULE_LINES:
                oversized[str(path.relative_to(ROOT))] = lines
    assert oversized == {}
