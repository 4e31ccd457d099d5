"""The read side stays light: queries never import spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from newscorpus.cli import main
sys.argv = ["newscorpus", "compare", "--entity", "Maduro", "--db", sys.argv[1], "--format", "json"]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
assert "spacy" not in sys.modules, "compare imported spaCy"
assert "newscorpus.nlp" not in sys.modules
assert "newscorpus.ingest" not in sys.modules
print("OK", file=sys.stderr)
"""


def test_compare_does_not_import_spacy(seeds_db: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, str(seeds_db)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("OK")
    assert '"name": "Nicolás Maduro"' in result.stdout
