"""B-cubed precision, recall and F1 of a clustering against gold clusters (`make eval`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping


def bcubed(gold_of: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of the predicted clusters against the gold ones, over the
    items of `gold_of` (item -> gold cluster); `predicted` gives each of them its cluster."""
    by_gold: dict[Hashable, set[Hashable]] = defaultdict(set)
    by_pred: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, g in gold_of.items():
        by_gold[g].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold_of:
        both = len(by_gold[gold_of[item]] & by_pred[predicted[item]])
        precision += both / len(by_pred[predicted[item]])
        recall += both / len(by_gold[gold_of[item]])
    n = len(gold_of)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
