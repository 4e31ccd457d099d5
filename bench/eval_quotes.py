"""Score quotes and their speakers on PolNeAR's train and dev splits (`make eval`).

Each split of ../shared/eval/quotes_dev/ is ingested into a database of its own and the output of
`quotes --format json` is handed to the set's scorer, `score_quotes.py`, which is the reference:
its rules (what a quote is, when a speaker is right) are not re-implemented here. Each split is
scored twice: all articles, and without the New York Times ones (their ''...'' quote marks).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cli_runner import newscorpus

QUOTES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "quotes_dev"
SPLITS = ("train", "dev")
TARGETS = {"quote_f1": 0.93, "speaker_named_e2e": 0.80}  # issue 18, on the train split
WRONG_SHARE_MOST = 0.05  # wrong named speakers, of the named speakers given


def _score(pred: Path, split: str, gold: Path, details: Path) -> dict:
    """The scorer's JSON, plus how many named speakers it was given and how many of them are wrong."""
    scored = subprocess.run(
        [
            sys.executable,
            str(QUOTES / "score_quotes.py"),
            str(pred),
            "--split",
            split,
            "--gold",
            str(gold),
            "--docs",
            str(QUOTES / "docs.json"),
            "--details",
            str(details),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = json.loads(scored.stdout)
    named = [d for d in map(json.loads, details.read_text(encoding="utf-8").splitlines()) if d["found"]]
    named = [d for d in named if d["source_kind"] == "named" and d["pred_speaker"]]
    summary["named_given"] = len(named)
    summary["named_wrong"] = sum(not d["speaker_right"] for d in named)
    return summary


def _without_nyt(gold: dict, workdir: Path) -> Path:
    """The gold without the New York Times articles, as a file the scorer reads."""
    docs = json.loads((QUOTES / "docs.json").read_text(encoding="utf-8"))
    kept = {
        split: [g for g in rows if docs.get(g["doc"], {}).get("publisher") != "nyt"] for split, rows in gold.items()
    }
    path = workdir / "gold_without_nyt.json"
    path.write_text(json.dumps(kept), encoding="utf-8")
    return path


def evaluate(quotes_dev: Path = QUOTES, splits: tuple[str, ...] = SPLITS) -> dict:
    """{split: {"all": scores, "without_nyt": scores}}."""
    gold_path = quotes_dev / "gold_quotes.json"
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        without_nyt = _without_nyt(json.loads(gold_path.read_text(encoding="utf-8")), workdir)
        for split in splits:
            db = str(workdir / f"{split}.db")
            newscorpus("--quiet", "ingest", str(quotes_dev / "txt" / split), "--db", db, "--workers", "2")
            pred = workdir / f"{split}.json"
            pred.write_text(newscorpus("quotes", "--db", db, "--format", "json"), encoding="utf-8")
            results[split] = {
                name: _score(pred, split, gold, workdir / f"{split}-{name}.jsonl")
                for name, gold in (("all", gold_path), ("without_nyt", without_nyt))
            }
    return results


def below_target(results: dict) -> list[str]:
    """The train split's scores short of their targets."""
    train = results["train"]["all"]
    failing = [f"quotes {name}" for name, floor in TARGETS.items() if (train[name] or 0) < floor]
    if train["named_wrong"] > WRONG_SHARE_MOST * max(train["named_given"], 1):
        failing.append("quotes wrong named speakers")
    return failing


def print_table(results: dict) -> None:
    """Quote P/R/F1 and speakers, per split, with and without the NYT articles."""
    header = ("quote P", "quote R", "quote F1", "named right/found", "right/all named", "wrong named", "described")
    print("quotes (PolNeAR, direct quotes; speakers of named sources)")
    print(f"{'split':<18}" + "".join(f"  {h:>17}" for h in header))
    for split, scored in results.items():
        for name, s in scored.items():
            wrong = s["named_wrong"]
            given = s["named_given"]
            cells = (
                f"{s['quote_p']:.3f}",
                f"{s['quote_r']:.3f}",
                f"{s['quote_f1']:.3f}",
                f"{s['speaker_acc_named']:.3f}",
                f"{s['speaker_named_e2e']:.3f} ({s['named_gold']})",
                f"{wrong}/{given} = {wrong / max(given, 1):.1%}",
                f"{s['speaker_acc_desc'] or 0:.3f} ({s['desc_n']})",
            )
            label = split if name == "all" else f"{split} without NYT"
            print(f"{label:<18}" + "".join(f"  {c:>17}" for c in cells))
    print(
        f"targets (train): quote F1 >= {TARGETS['quote_f1']}, right/all named >= {TARGETS['speaker_named_e2e']},"
        f" wrong named <= {WRONG_SHARE_MOST:.0%} of the named speakers given"
    )


if __name__ == "__main__":  # the quotes alone, without the seeds and the clusters
    scored = evaluate()
    print_table(scored)
    sys.exit(1 if below_target(scored) else 0)
