"""The package's architecture: no import cycles, and layers that point downwards.

The contracts live in pyproject.toml ([tool.importlinter]); import-linter checks them over every
import, those inside functions too. Each contract is also shown to fail on a copy of the package
with one import added that breaks it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "audio_edition"


def _lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    env = {**os.environ, "PYTHONPATH": str(src)}
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache", str(config)], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=300)


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package whose ``module`` (a path under it) ends with ``line``, inside a
    function as lazy imports are."""
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "audio_edition",
                    ignore=shutil.ignore_patterns("__pycache__", "*.onnx"))
    target = src / "audio_edition" / module
    target.write_text(target.read_text(encoding="utf-8")
                      + f"\n\ndef _added_by_the_test():\n    {line}\n", encoding="utf-8")
    return src


def test_the_package_keeps_its_import_contracts(tmp_path):
    res = _lint(PACKAGE.parent, tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "3 kept, 0 broken" in res.stdout


@pytest.mark.parametrize("module, line, broken", [
    # the cycle issue 16 broke: the worker pool lived in synth, which chunks imports
    ("synth.py", "from audio_edition import chunks", "No import cycles"),
    # the other one: the engines asked config where the voices are
    ("engines/piper_engine.py", "from audio_edition import config", "No import cycles"),
    # a foundation reaching up to the orchestrator
    ("model.py", "from audio_edition import build", "Layers point downwards"),
    # a stage reaching up to the command line
    ("normalize.py", "from audio_edition import cli", "Layers point downwards"),
    # a text stage reaching into another: the orchestrator hands each stage its input
    ("casting.py", "from audio_edition import normalize", "Layers point downwards"),
    # an audio stage below chunks reaching into a sibling
    ("assembly.py", "from audio_edition import synth", "Layers point downwards"),
    # the engines reaching up to the stage that drives them
    ("engines/silent.py", "from audio_edition import chunks", "Layers point downwards"),
    # a language's own finders reaching up to the shared ones that call them
    ("attribution/de.py", "from audio_edition.attribution import finders", "Attribution:"),
    # the noun phrases reaching up to the chain
    ("attribution/nouns.py", "from audio_edition.attribution.chain import attribute", "Attribution:"),
])
def test_an_import_that_makes_a_cycle_or_points_upwards_breaks_a_contract(
        tmp_path, module, line, broken):
    res = _lint(_copy_with(tmp_path, module, line), tmp_path)
    assert res.returncode != 0
    [verdict] = [line for line in res.stdout.splitlines()
                 if line.startswith(broken) and line.endswith((" KEPT", " BROKEN"))]
    assert verdict.endswith(" BROKEN"), res.stdout
