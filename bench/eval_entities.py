"""Score cross-document entity resolution on ECB+ and MEANTIME (`make eval`).

Each set of ../shared/eval/entities_dev/ is ingested into a database of its own and the output of
`mentions --format jsonl` is handed to the set's scorer, `score_entities.py`, which is the
reference: which gold mentions are names, how they are aligned to ours and the exact-string
baseline are its rules, not re-implemented here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cli_runner import newscorpus

ENTITIES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "entities_dev"
SETS = ("ecbplus", "meantime")
TARGETS = {"ecbplus": 0.11, "meantime": 0.07}  # issue 19: B-cubed F1 gain over the exact-string baseline


def evaluate(entities_dev: Path = ENTITIES, sets: tuple[str, ...] = SETS) -> dict:
    """{set: the scorer's JSON} for each set."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name in sets:
            db = str(workdir / f"{name}.db")
            newscorpus("--quiet", "ingest", str(entities_dev / name / "txt"), "--db", db, "--workers", "2")
            mentions = workdir / f"{name}.jsonl"
            mentions.write_text(newscorpus("mentions", "--db", db, "--format", "jsonl"), encoding="utf-8")
            scored = subprocess.run(
                [
                    sys.executable,
                    str(entities_dev / "score_entities.py"),
                    "--gold",
                    str(entities_dev / name / "gold_entities.json"),
                    "--mentions",
                    str(mentions),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results[name] = json.loads(scored.stdout)
    return results


def below_target(results: dict) -> list[str]:
    """The sets whose gain over the exact-string baseline is short of its target."""
    return [f"entities {name}" for name, floor in TARGETS.items() if results[name]["gain_over_exact_f1"] < floor]


def print_table(results: dict) -> None:
    """B-cubed P/R/F1 per set, the exact-string baseline's F1, and the gain."""
    print("entities across documents (B-cubed over proper-name items; the set's scorer)")
    header = ("items", "found by NER", "P", "R", "F1", "exact F1", "gain", "target")
    print(f"{'set':<10}" + "".join(f"  {h:>12}" for h in header))
    for name, r in results.items():
        product, exact = r["product"], r["baseline_exact_string"]
        cells = (
            r["items"],
            f"{r['found_by_ner']:.3f}",
            f"{product['p']:.3f}",
            f"{product['r']:.3f}",
            f"{product['f1']:.3f}",
            f"{exact['f1']:.3f}",
            f"{r['gain_over_exact_f1']:+.3f}",
            f">= +{TARGETS[name]:.2f}",
        )
        print(f"{name:<10}" + "".join(f"  {c!s:>12}" for c in cells))


if __name__ == "__main__":  # the entity sets alone
    scored = evaluate()
    print_table(scored)
    sys.exit(1 if below_target(scored) else 0)
