"""The HTML report: one self-contained file (inline CSS, no script, no network), all text escaped.

Rendered with Jinja2, autoescaping on: article text can never become markup or script.
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, StrictUndefined

from newscorpus.models import Report
from newscorpus.output.render import date_text, doc_labels

_TEMPLATE = "report.html.j2"


def render(report: Report, *, title: str, generated: str) -> str:
    """The report as an HTML page."""
    labels = doc_labels(report.documents)
    sentences: dict[tuple[str, str], str] = {}  # (doc, sentence) -> anchor, in order of first use

    def anchor(doc: str, sentence: str) -> str:
        return sentences.setdefault((doc, sentence), f"s{len(sentences) + 1}")

    for section in report.sections:
        for conflict in section.conflicts:
            for pair in conflict.pairs:
                for index in pair:
                    anchor(conflict.values[index].doc, conflict.values[index].sentence)
        for claim in section.disputed_claims:
            for claim_carrier in claim.carriers:
                anchor(claim_carrier.doc, claim_carrier.sentence)
        for quote in section.shared_quotes:
            for quote_carrier in quote.carriers:
                anchor(quote_carrier.doc, quote_carrier.sentence)
        for event in section.timeline:
            for date_report in event.reports:
                anchor(date_report.doc, date_report.sentence)
    peak = max((n for row in report.heatmap for n in row.counts.values()), default=1)
    environment = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = environment.from_string(resources.files("newscorpus.data").joinpath(_TEMPLATE).read_text("utf-8"))
    return template.render(
        report=report,
        title=title,
        generated=generated,
        labels=labels,
        anchor=anchor,
        labels_of=lambda docs: ", ".join(labels.get(doc, doc) for doc in docs),
        sentences=sentences,
        heat=lambda count: round(count / peak, 2) if count else 0,
        date_text=date_text,
        safe_url=lambda url: url if url.startswith(("https://", "http://")) else "",
    )
