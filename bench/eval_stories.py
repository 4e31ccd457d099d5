"""Score story grouping on a corpus of many stories (`make eval`).

Every article of ../shared/eval/dev_clusters/ goes into one database, and every article of the ECB+
development topics (both halves of each topic, two similar events) into another. The stories
newscorpus finds are scored against the folders with B-cubed precision, recall and F1 over articles.
On the mixed development-cluster database, `figures --conflicts` and `claims` are handed to the
set's scorer (the reference) as the per-cluster run hands them, each row under the cluster most of
its documents are from: mixing stories must not cost what the per-cluster run finds.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path

from bcubed import bcubed
from cli_runner import newscorpus

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEV = EVAL / "dev_clusters"
ECBPLUS = EVAL / "entities_dev" / "ecbplus" / "txt"
TARGETS = {"dev clusters": 0.90, "ECB+": 0.80}  # issue 22: story B-cubed F1
MIXED_MOST_OFF = 0.05  # issue 22: mixed-database fact scores within this of the per-cluster ones


def story_scores(db: Path) -> dict:
    """B-cubed of the stories in `db` against the folders its articles were read from."""
    with closing(sqlite3.connect(db)) as conn:
        paths = dict(conn.execute("SELECT id, path FROM documents").fetchall())
        found = dict(conn.execute("SELECT doc_id, story_id FROM document_stories").fetchall())
    gold = {doc: Path(path).parent.name for doc, path in paths.items()}
    precision, recall, f1 = bcubed(gold, found)
    return {
        "articles": len(gold),
        "folders": len(set(gold.values())),
        "stories": len(set(found.values())),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def mixed_predictions(db: str) -> tuple[dict, int]:
    """{cluster: {"figures": ..., "claims": ...}} from one database of every cluster, each row under
    the cluster most of its documents come from; and how many rows mix clusters."""
    figures = json.loads(newscorpus("figures", "--conflicts", "--db", db, "--format", "json"))
    claims = json.loads(newscorpus("claims", "--db", db, "--format", "json"))
    conflicts = figures["conflicts"] if isinstance(figures, dict) else figures
    pred: dict[str, dict[str, list]] = defaultdict(lambda: {"figures": [], "claims": []})
    mixing = 0
    rows = [("figures", c, [v["doc"] for v in c["values"]]) for c in conflicts]
    rows += [("claims", c, c["asserted_by"] + c["denied_by"] + c.get("negated_by", [])) for c in claims]
    for kind, row, docs in rows:
        clusters = Counter(doc.split("/")[0] for doc in docs)
        mixing += len(clusters) > 1
        pred[clusters.most_common(1)[0][0]][kind].append(row)
    return dict(pred), mixing


def evaluate(dev: Path = DEV, ecbplus: Path = ECBPLUS) -> dict:
    """Story scores on both mixed databases, and the scorer's summary of the mixed facts."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        dev_db, ecb_db = workdir / "dev.db", workdir / "ecbplus.db"
        newscorpus("--quiet", "ingest", str(dev), "--glob", "*.txt", "--db", str(dev_db), "--workers", "2")
        newscorpus("--quiet", "ingest", str(ecbplus), "--db", str(ecb_db), "--workers", "2")
        result = {"dev clusters": story_scores(dev_db), "ECB+": story_scores(ecb_db)}
        pred, mixing = mixed_predictions(str(dev_db))
        (workdir / "pred.json").write_text(json.dumps(pred), encoding="utf-8")
        scored = subprocess.run(
            [sys.executable, str(dev / "score_facts.py"), str(workdir / "pred.json")],
            capture_output=True,
            text=True,
            check=True,
        )
    result["mixed facts"] = json.loads(scored.stdout)
    result["mixed facts"]["rows_mixing_clusters"] = mixing
    return result


def fact_numbers(summary: dict) -> dict[str, float]:
    """The fact scores compared between the per-cluster and the mixed run."""
    claims = summary["claims_found"] / summary["claims_gold"] if summary["claims_gold"] else 0.0
    return {
        "conflict recall": summary["conflict_recall"] or 0.0,
        "conflict precision": summary["conflict_precision"] or 0.0,
        "disputed claims found": claims,
    }


def below_target(result: dict, per_cluster: dict) -> list[str]:
    """Story F1 short of its target, and fact scores the mixed database loses against per-cluster."""
    failing = [f"stories {name}" for name, floor in TARGETS.items() if result[name]["f1"] < floor]
    mixed, alone = fact_numbers(result["mixed facts"]), fact_numbers(per_cluster)
    failing += [f"mixed {name}" for name in mixed if abs(mixed[name] - alone[name]) > MIXED_MOST_OFF]
    return failing


def print_table(result: dict, per_cluster: dict) -> None:
    """Story B-cubed per mixed database; the facts of the mixed database beside the per-cluster run."""
    print("stories in a mixed corpus (B-cubed of articles against the story folders)")
    header = ("articles", "folders", "stories", "P", "R", "F1", "target")
    print(f"{'corpus':<14}" + "".join(f"  {h:>9}" for h in header))
    for name in ("dev clusters", "ECB+"):
        r = result[name]
        cells = (r["articles"], r["folders"], r["stories"], *(f"{r[k]:.3f}" for k in ("precision", "recall", "f1")))
        print(f"{name:<14}" + "".join(f"  {c!s:>9}" for c in cells) + f"  {'>= ' + str(TARGETS[name]):>9}")
    mixed, alone = fact_numbers(result["mixed facts"]), fact_numbers(per_cluster)
    print(f"\nfacts on the one mixed dev-cluster database vs one database per cluster (within {MIXED_MOST_OFF})")
    print(f"{'score':<24}  {'per cluster':>11}  {'mixed':>7}  {'diff':>6}")
    for name in mixed:
        print(f"{name:<24}  {alone[name]:>11.3f}  {mixed[name]:>7.3f}  {mixed[name] - alone[name]:>+6.3f}")
    m = result["mixed facts"]
    print(
        f"mixed: {m['false_alarms']} false alarms (per cluster {per_cluster['false_alarms']}),"
        f" {m['invented_disputes']} invented disputes (per cluster {per_cluster['invented_disputes']}),"
        f" {m['rows_mixing_clusters']} rows mixing clusters"
    )
