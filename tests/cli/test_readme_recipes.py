"""The README's recipes run as written, in bash, against a database of the seeds (ingested once, copied per recipe)."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
RECIPES = README.split("## Recipes", 1)[1].split("\n## ", 1)[0]
BLOCKS = re.findall(r"```bash\n(.*?)```", RECIPES, flags=re.DOTALL)
TOOLS = ("jq", "sqlite3")


def test_the_recipes_section_has_the_promised_recipes() -> None:
    text = " ".join(BLOCKS)
    assert len(BLOCKS) >= 6
    for needed in ("uniq -c", "jq ", "--format csv", "sqlite3", "find ", "report --output"):
        assert needed in text


def _copy_database(source: Path, target: Path) -> None:
    """A private, consistent copy of a database (SQLite's backup: nothing left behind in a -wal file)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.mark.slow  # each recipe is a bash script starting newscorpus processes
@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:40] for b in BLOCKS])
def test_recipe_runs(block: str, seeds_db: Path, tmp_path: Path) -> None:
    missing = [tool for tool in TOOLS if re.search(rf"\b{tool}\b", block) and shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (.ci/run installs them)")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    # the seeds ingested once per session; a recipe that runs `ingest` itself still may
    _copy_database(seeds_db, tmp_path / "newscorpus.db")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NEWSCORPUS_DB": str(tmp_path / "newscorpus.db"),
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{block}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout.strip() or "report" in block or "ingest" in block, block
