"""Score figure conflicts and disputed claims on the development clusters (`make eval`).

Each cluster folder of ../shared/eval/dev_clusters/ is ingested into a database of its own; the
output of `figures --conflicts --format json` and `claims --format json` (the CLI's own JSON, read
through Typer's runner in this process so the model loads once) is handed to the set's scorer,
`score_facts.py`, which is the reference: its rules are not re-implemented here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cli_runner import newscorpus

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev_clusters"
TARGETS = {"conflict_recall": 0.70, "conflict_precision": 0.70}  # issue 16, pooled over the clusters
CLAIM_TARGETS = {"claims_found": 7, "invented_most": 1, "rows_per_gold_most": 2}  # issue 17, pooled


def predictions(dev: Path, workdir: Path) -> dict:
    """{cluster: {"figures": ..., "claims": ...}} as the scorer reads it."""
    pred = {}
    for folder in sorted(p for p in dev.iterdir() if p.is_dir()):
        db = str(workdir / f"{folder.name}.db")
        newscorpus("--quiet", "ingest", str(folder), "--db", db)
        pred[folder.name] = {
            "figures": json.loads(newscorpus("figures", "--conflicts", "--db", db, "--format", "json")),
            "claims": json.loads(newscorpus("claims", "--db", db, "--format", "json")),
        }
    return pred


def evaluate(dev: Path = DEV) -> dict:
    """The scorer's summary, its per-cluster details, and the predictions it scored."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pred = predictions(dev, workdir)
        (workdir / "pred.json").write_text(json.dumps(pred), encoding="utf-8")
        details = workdir / "details.json"
        scored = subprocess.run(
            [sys.executable, str(dev / "score_facts.py"), str(workdir / "pred.json"), "--details", str(details)],
            capture_output=True,
            text=True,
            check=True,
        )
        summary = json.loads(scored.stdout)
        summary["details"] = json.loads(details.read_text(encoding="utf-8"))
    return summary


def below_target(summary: dict) -> list[str]:
    """The pooled scores short of their targets."""
    failing = [name for name, floor in TARGETS.items() if (summary.get(name) or 0) < floor]
    if summary["claims_found"] < CLAIM_TARGETS["claims_found"]:
        failing.append("disputed claims found")
    if summary["invented_disputes"] > CLAIM_TARGETS["invented_most"]:
        failing.append("invented disputes")
    if summary["disputed_rows"] > CLAIM_TARGETS["rows_per_gold_most"] * summary["claims_gold"]:
        failing.append("disputed rows")
    return failing


def print_table(summary: dict) -> None:
    """Per cluster and pooled: conflicts found / gold, precision, false alarms, wrong; disputed claims."""
    header = (
        "cluster",
        "conflicts",
        "precision",
        "false alarms",
        "wrong",
        "disputed claims",
        "invented",
        "disputed rows",
    )
    print(f"dev clusters ({summary['clusters']} stories, scored in {summary['mode']} mode)")
    print("  ".join(f"{h:>15}" if i else f"{h:<18}" for i, h in enumerate(header)))
    for cluster, c in summary["per_cluster"].items():
        scored = c["correct"] + c["false_alarms"] + c["wrong"]
        precision = f"{c['correct'] / scored:.2f}" if scored else "-"
        cells = (
            f"{c['conf_found']}/{c['conf_gold']}",
            precision,
            c["false_alarms"],
            c["wrong"],
            f"{c['claims_found']}/{c['claims_gold']}",
            c["invented"],
            c["disputed_rows"],
        )
        print(f"{cluster:<18}" + "".join(f"  {cell!s:>15}" for cell in cells))
    pooled = (
        f"{summary['conflicts_found']}/{summary['conflicts_gold']} = {summary['conflict_recall'] or 0:.2f}",
        f"{summary['conflict_precision'] or 0:.2f}",
        summary["false_alarms"],
        summary["predicted_wrong"],
        f"{summary['claims_found']}/{summary['claims_gold']}",
        summary["invented_disputes"],
        summary["disputed_rows"],
    )
    print(f"{'pooled':<18}" + "".join(f"  {cell!s:>15}" for cell in pooled))
    print(
        f"targets: conflicts found >= {TARGETS['conflict_recall']} of gold"
        f" at precision >= {TARGETS['conflict_precision']}; disputed claims found >= {CLAIM_TARGETS['claims_found']}"
        f" with <= {CLAIM_TARGETS['invented_most']} invented and disputed rows"
        f" <= {CLAIM_TARGETS['rows_per_gold_most']} x gold"
    )
