"""What each read command writes to stdout: Rich tables for a terminal, JSON, JSON Lines, CSV or TSV for the rest.

Article text is never read as Rich markup, and control characters are dropped from tables.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from itertools import islice
from typing import Any, Literal, TextIO

from pydantic import BaseModel
from pydantic_core import to_json
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newscorpus import settings
from newscorpus.models import (
    Agreement,
    AliasRow,
    Claim,
    Comparison,
    Conflict,
    DocumentRow,
    Entity,
    Figure,
    MentionRow,
    OutletSummary,
    Quote,
    RemovedLine,
    SearchHit,
    Story,
    TimelineEvent,
    Variant,
)
from newscorpus.output import console
from newscorpus.output.console import note, plural, safe, stdout
from newscorpus.text.normalize import squash
from newscorpus.text.numbers import format_value


class Format(StrEnum):
    """Output formats of every read command."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


_WHITESPACE = re.compile(r"\s+")
CELL_WIDTH = 90  # longest sentence shown in a table cell; JSON/CSV carry the whole text
COMPARE_ROWS = 25  # rows per section of the compare table: a terminal, not an archive (JSON has all)


TERMINAL_LIMIT = 50  # rows a listing prints at a terminal unless --limit says otherwise


def limit_for(limit: int | None, fmt: Format) -> int | None:
    """The rows to print: --limit as given (0 for all); by default TERMINAL_LIMIT in a table at a
    terminal and all of them anywhere else, so a pipe always gets everything."""
    if limit is None:
        return TERMINAL_LIMIT if fmt is Format.table and console.to_terminal() else None
    return limit or None


def more(total: int, shown: int, what: str = "rows") -> None:
    """Say on stderr how many rows were left out, and how to see them."""
    if total > shown:
        note(f"{total - shown:,} more {what}: --limit 0 for all")


def nothing(what: str) -> None:
    """An empty result: one sentence on stderr instead of an empty table."""
    note(f"no {what} to show")


def default_format(stream: TextIO | None = None) -> Format:
    """A table for a person at a terminal, TSV with a header for a pipe (as `gh` does), unless the
    project file chooses a format."""
    chosen = settings.project().format  # a project file's choice, for both
    if chosen:
        return Format(chosen)
    to_terminal = stream.isatty() if stream is not None else console.to_terminal()
    return Format.table if to_terminal else Format.tsv


def shorten(text: str, width: int = CELL_WIDTH) -> str:
    """One line of at most `width` characters."""
    text = squash(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def variants_text(variants: list[Variant]) -> str:
    """Variants as one field: "Maduro (59); Nicolás Maduro (6)"."""
    return "; ".join(f"{v.text} ({v.count})" for v in variants)


# --- one column list per kind of row ----------------------------------------------------

Column = tuple[str, Callable[[Any], object]]


def copy_text(row: DocumentRow) -> str:
    """ "exact copy of X" or "near copy of X (0.93)" or ""."""
    if row.copy_of is None:
        return ""
    return f"exact copy of {row.copy_of}" if row.copy_exact else f"near copy of {row.copy_of} ({row.copy_similarity})"


DOC_COLUMNS: list[Column] = [
    ("id", lambda r: r.id),
    ("source", lambda r: r.source),
    ("title", lambda r: r.title),
    ("published", lambda r: r.published.isoformat() if r.published else ""),
    ("url", lambda r: r.url),
    ("format", lambda r: r.format),
    ("encoding", lambda r: r.encoding),
    ("words", lambda r: r.words),
    ("mentions", lambda r: r.mentions),
    ("removed_lines", lambda r: r.removed_lines),
    ("copy_of", copy_text),
    ("copies", lambda r: ",".join(r.copies)),
    ("story", lambda r: "" if r.story is None else r.story),
]
TABLE_DOC_COLUMNS = [  # the id as the short start of it that `docs set`, `--doc` and the rest accept
    ("id", lambda r: r.short_id or r.id),
    ("source", lambda r: r.source),
    ("title", lambda r: shorten(r.title, 60)),
    ("published", lambda r: r.published.isoformat() if r.published else ""),
    ("story", lambda r: "" if r.story is None else r.story),
    ("words", lambda r: r.words),
    ("mentions", lambda r: r.mentions),
    ("copy_of", copy_text),
    ("copies", lambda r: ",".join(r.copies)),
    ("removed_lines", lambda r: r.removed_lines),
]
REMOVED_COLUMNS: list[Column] = [
    ("line", lambda r: r.line),
    ("reason", lambda r: r.reason),
    ("text", lambda r: r.text),
]
ENTITY_COLUMNS: list[Column] = [
    ("id", lambda r: r.id),
    ("name", lambda r: r.name),
    ("type", lambda r: r.type),
    ("mentions", lambda r: r.mentions),
    ("sources", lambda r: r.sources),
    ("variants", lambda r: variants_text(r.variants)),
    ("note", lambda r: r.note),
    ("outlets", lambda r: r.outlets),  # last: cut -f keeps working
]
TABLE_ENTITY_COLUMNS: list[Column] = [  # "5 outlets (7 articles)" in one column for sources and outlets
    ("in", lambda r: r.coverage) if name == "sources" else (name, get)
    for name, get in ENTITY_COLUMNS
    if name != "outlets"
]
MENTION_COLUMNS: list[Column] = [
    ("doc", lambda r: r.doc),
    ("start", lambda r: r.start),
    ("end", lambda r: r.end),
    ("text", lambda r: r.text),
    ("label", lambda r: r.label),
    ("entity_id", lambda r: "" if r.entity_id is None else r.entity_id),
    ("entity_name", lambda r: r.entity_name or ""),
]
COVERAGE_COLUMNS: list[Column] = [
    ("doc", lambda r: r.doc),
    ("source", lambda r: r.source),
    ("title", lambda r: r.title),
    ("published", lambda r: r.published.isoformat() if r.published else ""),
    ("mentions", lambda r: r.mentions),
    ("variants", lambda r: variants_text(r.variants)),
    ("first_sentence", lambda r: r.first_sentence),
    ("copies", lambda r: ",".join(r.copies)),
    ("story", lambda r: "" if r.story is None else r.story),
]


def speakers_text(quote: Quote, labels: dict[str, str] | None = None) -> str:
    """Who each source says spoke: "000: Maduro; 004: Nicolás Maduro" (ids, or labels in a table)."""
    return "; ".join(dict.fromkeys(f"{(labels or {}).get(c.doc, c.doc)}: {c.speaker or '?'}" for c in quote.carriers))


def plain_number(value: float) -> int | float:
    """2000.0 -> 2000 and 7.5 -> 7.5, for machine-readable cells."""
    return int(value) if value.is_integer() else value


def figure_value(value: float, unit: str, qualifier: str | None, high: float | None = None) -> str:
    """ "over 2,400", "15,000,000 USD", "10 days", "20 to 30"."""
    number = format_value(value) if high is None else f"{format_value(value)} to {format_value(high)}"
    return " ".join(p for p in (qualifier, number, unit) if p)


FIGURE_COLUMNS: list[Column] = [
    ("doc", lambda r: r.doc),
    ("text", lambda r: r.text),
    ("value", lambda r: plain_number(r.value)),
    ("unit", lambda r: r.unit),
    ("qualifier", lambda r: r.qualifier or ""),
    ("high", lambda r: "" if r.high is None else plain_number(r.high)),
    ("counts", lambda r: r.counts),
    ("conflict", lambda r: "yes" if r.conflict else ""),
    ("sentence", lambda r: r.sentence),
]
QUOTE_COLUMNS: list[Column] = [
    ("text", lambda r: r.text),
    ("speaker", lambda r: r.speaker or ""),
    ("docs", lambda r: ",".join(r.docs)),
    ("speakers_differ", lambda r: "yes" if r.speakers_differ else ""),
    ("speakers", lambda r: speakers_text(r)),
    ("speaker_description", lambda r: r.speaker_description or ""),
    ("id", lambda r: r.id),  # new columns go last: cut -f keeps working
    ("story", lambda r: "" if r.story is None else r.story),
]
CLAIM_COLUMNS: list[Column] = [
    ("statement", lambda r: r.statement),
    ("asserted_by", lambda r: ",".join(r.asserted_by)),
    ("denied_by", lambda r: ",".join(r.denied_by)),
    ("negated_by", lambda r: ",".join(r.negated_by)),
    ("disputed", lambda r: "yes" if r.disputed else ""),
    ("summary", lambda r: r.summary),
    ("asserting_sentence", lambda r: _side_sentence(r, denying=False)),
    ("denying_sentence", lambda r: _side_sentence(r, denying=True)),
    ("id", lambda r: r.id),
    ("story", lambda r: "" if r.story is None else r.story),
]


def _side_sentence(claim: Claim, *, denying: bool) -> str:
    """The first sentence on one side of a claim: asserting it, or denying or negating it."""
    docs = set(claim.denied_by + claim.negated_by) if denying else set(claim.asserted_by)
    side = (c for c in claim.carriers if c.doc in docs and (c.polarity != "asserted") == denying)
    return next((c.sentence for c in side), "")


def rows(
    items: Iterable[Any], columns: list[Column], fmt: Format, *, title: str | None = None, limit: int | None = None
) -> int:
    """Write at most `limit` rows in `fmt` to stdout, streaming where the format allows; return how
    many there were in all (the rest are counted, and said on stderr).

    JSON formats need pydantic models; the other formats only read `columns` from each item. An
    empty table is one sentence on stderr, not an empty frame.
    """
    rows_iter = iter(items)
    shown = list(islice(rows_iter, limit)) if limit is not None else rows_iter
    out = sys.stdout
    count = 0
    if fmt is Format.json:
        data = list(shown)  # serialized by pydantic-core: five times faster than json.dumps
        out.write(to_json(data, indent=2).decode() + "\n")
        count = len(data)
    elif fmt is Format.jsonl:
        for item in shown:
            out.write(to_json(item).decode() + "\n")
            count += 1
    elif fmt is Format.tsv:  # plain TSV, no quoting, for cut/awk/sort: fields never hold tabs or newlines
        out.write("\t".join(name for name, _ in columns) + "\n")
        for item in shown:
            out.write("\t".join(str(_flat(get(item))) for _, get in columns) + "\n")
            count += 1
    elif fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for item in shown:
            writer.writerow([_flat(get(item)) for _, get in columns])
            count += 1
    else:
        count = _table(list(shown), columns, title)
    total = count + sum(1 for _ in rows_iter)
    more(total, count, (title or "rows").lower())
    return total


def _table(items: list[Any], columns: list[Column], title: str | None) -> int:
    """A Rich table of `items` laid out for the terminal's width: columns with no value in any row
    left out, then columns dropped from the right until every word fits its column (so no header,
    id or word is broken inside), numbers right-aligned."""
    if not items:
        nothing((title or "rows").lower())
        return 0
    cells = [[get(item) for _, get in columns] for item in items]
    kept = [i for i in range(len(columns)) if any(str(row[i]) != "" for row in cells)]
    widths = {i: max(len(columns[i][0]), _longest_word(shorten(str(row[i])) for row in cells)) for i in kept}
    console = stdout()
    while len(kept) > 2 and sum(widths[i] + 3 for i in kept) + 1 > console.width:
        kept.pop()  # the rightmost column is the least needed
    table = Table(title=title, title_justify="left", show_lines=False)
    for i in kept:
        numeric = all(isinstance(row[i], int | float) for row in cells if row[i] != "")
        table.add_column(columns[i][0], justify="right" if numeric else "left", min_width=widths[i], overflow="fold")
    for row in cells:
        table.add_row(*(Text(shorten(safe(str(row[i])))) for i in kept))
    console.print(table)
    dropped = [columns[i][0] for i in range(len(columns)) if i not in kept and any(str(r[i]) for r in cells)]
    if dropped:
        note(f"{', '.join(dropped)} left out at {console.width} columns: a wider terminal or --format shows them")
    return len(items)


def _longest_word(texts: Iterable[str], cap: int = 30) -> int:
    """The longest word in `texts` (at most `cap`): the narrowest a column can be without breaking one."""
    return min(cap, max((len(word) for text in texts for word in text.split()), default=0))


def _fixed(header: str, values: Iterable[str], console: Console, share: int = 8) -> int:
    """A narrow column's width: as wide as its content up to 1/`share` of the terminal, never
    narrower than its header or its longest word (so neither is broken); the evidence column
    beside it takes the rest, so a wide terminal gives its room to the sentences."""
    texts = [squash(v) for v in values]
    natural = max((len(t) for t in texts), default=0)
    return max(len(header), _longest_word(texts, 24), min(natural, max(12, console.width // share)))


def evidence_width(console: Console, used: int) -> int:
    """How many characters of a sentence a cell can show in two lines, the other columns taking `used`."""
    return max(40, 2 * (console.width - used - 4))


def _flat(value: object) -> object:
    return squash(value) if isinstance(value, str) else value


ALIAS_COLUMNS: list[Column] = [
    ("action", lambda r: r.action),
    ("name", lambda r: r.name),
    ("other", lambda r: r.other),
]


def aliases(items: list[AliasRow], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus alias list`."""
    return rows(items, ALIAS_COLUMNS, fmt, title="Entity corrections", limit=limit)


def documents(items: list[DocumentRow], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus docs`: a table leaves out url, format and encoding, which the other formats carry."""
    columns = TABLE_DOC_COLUMNS if fmt is Format.table else DOC_COLUMNS
    return rows(items, columns, fmt, title="Documents", limit=limit)


STORY_COLUMNS: list[Column] = [
    ("id", lambda r: r.id),
    ("label", lambda r: r.label),
    ("articles", lambda r: r.articles),
    ("outlets", lambda r: r.outlets),
    ("first", lambda r: r.first.isoformat() if r.first else ""),
    ("last", lambda r: r.last.isoformat() if r.last else ""),
]


def stories(items: list[Story], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus stories`: one row per story (JSON adds the ids of its articles)."""
    return rows(items, STORY_COLUMNS, fmt, title="Stories", limit=limit)


def story(item: Story, fmt: Format, limit: int | None = None) -> int:
    """`newscorpus stories show ID`: the story's label, then its articles as `docs` lists them."""
    if fmt in (Format.json, Format.jsonl):
        return rows([item], STORY_COLUMNS, fmt)
    if fmt is Format.table:
        dates = " – ".join(dict.fromkeys(d.isoformat() for d in (item.first, item.last) if d))
        heading = Text(f"Story {item.id}: ", style="bold")
        heading.append(safe(item.label))
        heading.append(f"\n{plural(item.articles, 'article')}, {plural(item.outlets, 'outlet')}", style="dim")
        heading.append(f"  {dates}" if dates else "", style="dim")
        stdout().print(heading)
    return documents(item.documents, fmt, limit=limit)


def plain(text: str) -> None:
    """Text as it is, to stdout: for `docs --show-text`, meant for files and pipes."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def removed_lines(items: list[RemovedLine], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus docs --show-removed ID`."""
    return rows(items, REMOVED_COLUMNS, fmt, title="Lines removed as page furniture", limit=limit)


def entities(items: list[Entity], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus entities`."""
    columns = TABLE_ENTITY_COLUMNS if fmt is Format.table else ENTITY_COLUMNS
    return rows(items, columns, fmt, title="Entities", limit=limit)


EXPLAIN_COLUMNS: list[Column] = [
    ("variant", lambda r: r[1].text),
    ("mentions", lambda r: r[1].count),
    ("why", lambda r: r[1].reason or f"the entity's name ({r[0].type})"),
]


def explanation(entity: Entity, fmt: Format) -> int:
    """`newscorpus entities --explain`: each variant of one entity with why it joined.

    JSON formats write the entity itself (its variants carry `reason`)."""
    if fmt in (Format.json, Format.jsonl):
        return rows([entity], ENTITY_COLUMNS, fmt)
    pairs = [(entity, v) for v in entity.variants]
    title = f"Why each name is {entity.name}" if fmt is Format.table else None
    columns = EXPLAIN_COLUMNS if fmt is Format.table else [("entity", lambda r: r[0].name), *EXPLAIN_COLUMNS]
    count = rows(pairs, columns, fmt, title=title)
    if fmt is Format.table and entity.note:
        stdout().print(Text(safe(entity.note), style="dim"))
    return count


def mentions(
    items: Iterator[MentionRow], fmt: Format, labels: dict[str, str] | None = None, limit: int | None = None
) -> int:
    """`newscorpus mentions`: a table names documents by their labels, the other formats by id."""
    if fmt is not Format.table:
        return rows(items, MENTION_COLUMNS, fmt, title="Mentions", limit=limit)
    shown = list(islice(items, limit)) if limit is not None else list(items)
    total = len(shown) + sum(1 for _ in items)
    if not shown:
        nothing("mentions")
        return 0
    console = stdout()
    labels = labels or {}
    sources = [labels.get(m.doc, m.doc) for m in shown]
    table = Table(title="Mentions", title_justify="left", expand=True)
    table.add_column("source", width=_fixed("source", sources, console))
    table.add_column("entity", width=_fixed("entity", (m.entity_name or "" for m in shown), console))
    table.add_column("label", width=_fixed("label", (m.label for m in shown), console))
    table.add_column("in context", ratio=1)
    room = evidence_width(console, 50)
    for source, m in zip(sources, shown, strict=True):
        before, after = (_WHITESPACE.sub(" ", part) for part in (m.context[: m.context_at], m.context[m.context_at :]))
        cell = around(before + after, len(before), m.text, room)
        table.add_row(Text(safe(source)), Text(safe(m.entity_name or "")), Text(m.label), cell)
    console.print(table)
    more(total, len(shown), "mentions")
    return total


def _dump(data: object) -> None:
    if isinstance(data, BaseModel):  # pydantic's own encoder: several times faster on a big comparison
        sys.stdout.write(data.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def figures(
    items: list[Figure],
    conflicts: list[Conflict],
    agreements: list[Agreement],
    fmt: Format,
    *,
    only: Literal["conflicts", "agreements"] | None = None,
    labels: dict[str, str] | None = None,
    limit: int | None = None,
) -> int:
    """`newscorpus figures`: one row per figure, then (in a table) the conflicts, pair by pair, and
    the agreements; `limit` rows of each. Returns how many figures there are in all."""
    if fmt is Format.json:  # one object: the figures, the conflicts and the agreements
        _dump(
            {
                "figures": [f.model_dump(mode="json") for f in items[:limit]],
                "conflicts": [c.model_dump(mode="json") for c in conflicts[:limit]],
                "agreements": [a.model_dump(mode="json") for a in agreements[:limit]],
            }
        )
        more(len(items), len(items[:limit]), "figures")
        return len(items)
    if fmt is not Format.table:
        return rows(items, FIGURE_COLUMNS, fmt, limit=limit)
    console = stdout()
    if only != "agreements":
        pairs = _conflicts_table(console, conflicts, labels, limit=limit)
        more(pairs, min(pairs, limit or pairs), "disagreeing pairs")
    if only != "conflicts":
        _agreements_table(console, agreements[:limit], labels)
        more(len(agreements), len(agreements[:limit]), "agreements")
    if only is None and items:
        console.print(_figures_table("Figures", items[:limit], labels or {}, console))
        more(len(items), len(items[:limit]), "figures")
    shown = {None: len(items), "conflicts": len(conflicts), "agreements": len(agreements)}[only]
    if not shown:
        nothing({None: "figures", "conflicts": "figure conflicts", "agreements": "figure agreements"}[only])
    return shown


def doc_labels(documents: list[DocumentRow]) -> dict[str, str]:
    """Doc id -> how a table names it (`DocumentRow.label`: the outlet, or a short distinctive id)."""
    return {d.id: d.label or d.id for d in documents}


def _named(labels: dict[str, str], docs: Iterable[str]) -> str:
    return ", ".join(labels.get(doc, doc) for doc in docs)


def _figures_table(title: str, figures: list[Figure], labels: dict[str, str], console: Console) -> Table:
    """One row per figure: its source, its value, what it counts, and the words around it."""
    cells = [(labels.get(f.doc, f.doc), figure_value(f.value, f.unit, f.qualifier, f.high), f.counts) for f in figures]
    names = ("source", "figure", "counts")
    widths = [
        _fixed(name, (row[k] for row in cells), console, 6 if name == "figure" else 8) for k, name in enumerate(names)
    ]
    table = Table(title=title, title_justify="left", expand=True)
    for name, width in zip(names, widths, strict=True):
        table.add_column(name, width=width)
    table.add_column("sentence", ratio=4)
    room = evidence_width(console, sum(widths) + 9)
    for figure, (source, value, counts) in zip(figures, cells, strict=True):
        table.add_row(
            Text(safe(source)),
            Text(safe(value)),
            Text(safe(counts)),
            around(figure.sentence, figure.at, figure.text, room),
            style="bold red" if figure.conflict else None,
        )
    return table


def around(sentence: str, at: int, figure: str, width: int = CELL_WIDTH) -> Text:
    """The words of a sentence around a figure at `at`, the figure in bold and always in view.

    The sentence comes with its whitespace folded (and `at` counted in it): so is the figure here.
    """
    start, end = max(0, at), min(len(sentence), at + len(squash(figure)))
    if end <= start:  # no position: the sentence's start
        return Text(shorten(safe(sentence), width))
    room = max(0, width - (end - start) - 2)  # two ellipses at most
    left = max(0, start - room // 2)
    right = min(len(sentence), end + room - (start - left))
    left = max(0, right - width) if right - left < width else left
    text = Text("…" if left > 0 else "")
    text.append(safe(sentence[left:start]))
    text.append(safe(sentence[start:end]), style="bold")
    text.append(safe(sentence[end:right]))
    if right < len(sentence):
        text.append("…")
    return text


def _conflicts_table(
    console: Console, conflicts: list[Conflict], labels: dict[str, str] | None = None, *, limit: int | None = None
) -> int:
    """Each disagreeing pair of values side by side: the two sources, the figures as written, the
    words around them; at most `limit` pairs. Returns how many pairs there are."""
    if not conflicts:
        return 0
    labels = labels or {}
    shown = [(conflict, pair) for conflict in conflicts for pair in conflict.pairs]
    values = [conflict.values[k] for conflict, pair in shown[:limit] for k in pair]
    widths = [
        _fixed("counts", (c.counts for c, _ in shown[:limit]), console),
        _fixed("source", (labels.get(v.doc, v.doc) for v in values), console),
        _fixed("figure", (v.text for v in values), console, 6),
    ]
    table = Table(title="Figure conflicts: sources disagree", title_justify="left", expand=True, style="red")
    table.add_column("id", width=7)
    for name, width in zip(("counts", "source", "figure"), widths, strict=True):
        table.add_column(name, width=width)
    table.add_column("words around it", ratio=4)
    room = evidence_width(console, sum(widths) + 19)
    for conflict, (i, j) in shown[:limit]:
        for side, index in enumerate((i, j)):
            value = conflict.values[index]
            table.add_row(
                Text(conflict.id if side == 0 else "", style="dim"),
                Text(safe(conflict.counts) if side == 0 else "  ≠", style="bold"),
                Text(safe(labels.get(value.doc, value.doc))),
                _as_written(value.text, figure_value(value.value, value.unit, value.qualifier, value.high)),
                around(value.sentence, value.at, value.text, room),
                end_section=side == 1,
            )
    console.print(table)
    return len(shown)


def _as_written(text: str, read_as: str) -> Text:
    """The figure as the source wrote it, and (dim) how it was read when that differs."""
    cell = Text(safe(text), style="bold red")
    if squash(text).lower() != read_as.lower():
        cell.append("\n" + safe(read_as), style="dim")
    return cell


def _agreements_table(console: Console, agreements: list[Agreement], labels: dict[str, str] | None = None) -> None:
    """Where several sources give compatible values: "3 sources agree on 12 injured"."""
    if not agreements:
        return
    table = Table(title="Figure agreements: sources agree", title_justify="left", expand=True)
    table.add_column("counts", width=_fixed("counts", (a.counts for a in agreements), console))
    table.add_column("sources", justify="right")
    table.add_column("values", ratio=3)
    for agreement in agreements:
        docs = sorted({v.doc for v in agreement.values})
        values = "; ".join(
            f"{(labels or {}).get(v.doc, v.doc)}: {figure_value(v.value, v.unit, v.qualifier, v.high)}"
            for v in agreement.values
        )
        table.add_row(Text(safe(agreement.counts)), str(len(docs)), Text(safe(values)))
    console.print(table)


def quotes(items: list[Quote], fmt: Format, labels: dict[str, str] | None = None, limit: int | None = None) -> int:
    """`newscorpus quotes`: one row per quotation, with the documents that carry it."""
    if fmt is not Format.table:
        return rows(items, QUOTE_COLUMNS, fmt, limit=limit)
    if not items:
        nothing("quotes")
        return 0
    _quotes_table(stdout(), items[:limit], title="Quotes", labels=labels)
    more(len(items), len(items[:limit]), "quotes")
    return len(items)


def _quotes_table(console: Console, items: list[Quote], *, title: str, labels: dict[str, str] | None = None) -> None:
    table = Table(title=title, title_justify="left", expand=True)
    carriers = [(labels or {}).get(doc, doc) for quote in items for doc in quote.docs]
    table.add_column("id", width=7)
    table.add_column("quote", ratio=4)
    table.add_column("speaker", ratio=2, min_width=_fixed("speaker", (q.speaker or "" for q in items), console, 6))
    table.add_column("carried by", width=_fixed("carried by", carriers, console))
    for quote in items:
        if quote.speakers_differ:
            speaker = Text(safe(speakers_text(quote, labels)), style="yellow")
            speaker.append("  (sources differ)", style="bold yellow")
        else:
            speaker = Text(safe(quote.speaker or "?"))
            if quote.speaker_description:  # "Geoff Ramsey" (a Venezuela expert)
                speaker.append(f" ({safe(quote.speaker_description)})", style="dim")
        carried = Text(safe(_named(labels or {}, quote.docs)))
        table.add_row(Text(quote.id, style="dim"), Text(shorten(safe(quote.text), 160)), speaker, carried)
    console.print(table)


def claims(items: list[Claim], fmt: Format, labels: dict[str, str] | None = None, limit: int | None = None) -> int:
    """`newscorpus claims`: one row per claim aligned across sources, disputed first."""
    if fmt is not Format.table:
        return rows(items, CLAIM_COLUMNS, fmt, limit=limit)
    if not items:
        nothing("claims")
        return 0
    _claims_table(stdout(), items[:limit], title="Claims", labels=labels)
    more(len(items), len(items[:limit]), "claims")
    return len(items)


def _claims_table(console: Console, items: list[Claim], *, title: str, labels: dict[str, str] | None = None) -> None:
    table = Table(title=title, title_justify="left", expand=True)
    sides = [(labels or {}).get(doc, doc) for c in items for doc in (*c.asserted_by, *c.denied_by, *c.negated_by)]
    table.add_column("id", width=7)
    table.add_column("claim", ratio=3)
    table.add_column("asserted by", width=_fixed("asserted by", sides, console))
    table.add_column("denied by", width=_fixed("denied by", sides, console))
    table.add_column("on whose word", ratio=3)
    room = min(200, evidence_width(console, 50))
    for claim in items:
        denying = _named(labels or {}, claim.denied_by)
        if claim.negated_by:  # one side only: said not to be so, and asserted by no source
            denying = "(not a dispute) negated by " + _named(labels or {}, claim.negated_by)
        statement = Text(safe(claim.statement), style="bold yellow" if claim.disputed else "")
        if claim.disputed:  # each side in its own words
            for mark, denies, style in (("+", False, "green"), ("-", True, "red")):
                statement.append(f"\n{mark} ", style=style)
                statement.append(shorten(safe(_side_sentence(claim, denying=denies)), room), style="dim")
        table.add_row(
            Text(claim.id, style="dim"),
            statement,
            Text(safe(_named(labels or {}, claim.asserted_by))),
            Text(safe(denying), style="red" if claim.denied_by else "dim"),
            Text(safe(claim.summary)),
        )
    console.print(table)


OUTLET_COLUMNS: list[Column] = [
    ("outlet", lambda r: r.outlet),
    ("articles", lambda r: r.articles),
    ("words", lambda r: r.words),
    ("first", lambda r: r.first.isoformat() if r.first else ""),
    ("last", lambda r: r.last.isoformat() if r.last else ""),
    ("names_more", lambda r: "; ".join(r.names_more)),
    ("names_less", lambda r: "; ".join(r.names_less)),
    ("quotes", lambda r: r.quotes),
    ("shared_quotes", lambda r: r.shared_quotes),
    ("asserts", lambda r: r.asserts),
    ("denies", lambda r: r.denies),
    ("disputes", lambda r: r.disputes),
    ("figures_only", lambda r: "; ".join(r.figures_only)),
]


def outlets(items: list[OutletSummary], fmt: Format, limit: int | None = None) -> int:
    """`newscorpus sources`: one row per outlet, and what sets it apart from the others."""
    if fmt is not Format.table:
        return rows(items, OUTLET_COLUMNS, fmt, limit=limit)
    if not items:
        nothing("outlets")
        return 0
    console = stdout()
    shown = items[:limit]
    table = Table(title="Sources", title_justify="left", expand=True, show_lines=True)
    table.add_column("outlet", width=_fixed("outlet", (o.outlet or "(unknown)" for o in shown), console))
    table.add_column("articles", justify="right")
    table.add_column("dates", width=10)
    table.add_column("names more", ratio=1)
    table.add_column("names less", ratio=1)
    table.add_column("quotes (shared)", justify="right", width=8)
    table.add_column("claims: +, -, disputed", justify="right", width=9)
    table.add_column("figures only it reports", ratio=1)
    for o in shown:
        dates = " to ".join(dict.fromkeys(d.isoformat() for d in (o.first, o.last) if d))
        figures = "; ".join(o.figures_only[:3]) + (f" (+{len(o.figures_only) - 3})" if len(o.figures_only) > 3 else "")
        table.add_row(
            Text(safe(o.outlet or "(unknown)")),
            f"{o.articles}\n{o.words:,} words",
            dates,
            Text(safe(", ".join(o.names_more))),
            Text(safe(", ".join(o.names_less)), style="dim"),
            f"{o.quotes} ({o.shared_quotes})",
            f"{o.asserts}, {o.denies}, {o.disputes}",
            Text(safe(figures)),
        )
    console.print(table)
    more(len(items), len(shown), "outlets")
    return len(items)


SEARCH_COLUMNS: list[Column] = [
    ("doc", lambda r: r.doc),
    ("source", lambda r: r.source),
    ("published", lambda r: r.published.isoformat() if r.published else ""),
    ("sentence", lambda r: r.sentence),
    ("start", lambda r: r.start),
    ("end", lambda r: r.end),
    ("matches", lambda r: ";".join(f"{a}-{b}" for a, b in r.matches)),
    ("text", lambda r: r.text),
]


def search_hits(
    items: list[SearchHit], fmt: Format, labels: dict[str, str] | None = None, limit: int | None = None
) -> int:
    """`newscorpus search`: one row per matching sentence. A table shows each keyword in context
    (the matches in bold, the -C sentences around it dim); the other formats carry offsets."""
    if fmt is not Format.table:
        return rows(items, SEARCH_COLUMNS, fmt, limit=limit)
    if not items:
        nothing("matches")
        return 0
    console = stdout()
    labels = labels or {}
    shown = items[:limit]
    sources = [labels.get(h.doc, h.doc) for h in shown]
    dates = [h.published.isoformat() if h.published else "" for h in shown]
    table = Table(title="Search", title_justify="left", expand=True)
    table.add_column("source", width=_fixed("source", sources, console))
    if any(dates):
        table.add_column("date", width=10)
    table.add_column("in context", ratio=1)
    room = evidence_width(console, 30)
    for hit, source, day in zip(shown, sources, dates, strict=True):
        cell = Text()
        for sentence in hit.before:
            cell.append(shorten(safe(sentence), room) + "\n", style="dim")
        first = hit.matches[0]
        cell.append_text(_marked(hit.text, hit.matches, first, room))
        for sentence in hit.after:
            cell.append("\n" + shorten(safe(sentence), room), style="dim")
        table.add_row(Text(safe(source)), *([Text(day)] if any(dates) else []), cell)
    console.print(table)
    more(len(items), len(shown), "matches")
    return len(items)


def _marked(sentence: str, matches: list[tuple[int, int]], first: tuple[int, int], width: int) -> Text:
    """The sentence around its first match, every match in view in bold."""
    folded = _WHITESPACE.sub(" ", sentence)  # one space for any run of whitespace: offsets shift
    shift = [len(_WHITESPACE.sub(" ", sentence[:i])) for i in range(len(sentence) + 1)]
    text = around(folded, shift[first[0]], folded[shift[first[0]] : shift[first[1]]], width)
    for start, end in matches:
        word = folded[shift[start] : shift[end]]
        text.highlight_words([word], style="bold", case_sensitive=True)
    return text


DETAIL_COLUMNS: list[Column] = [  # one row per source of a conflict, a quote or a claim
    ("id", lambda r: r[0]),
    ("doc", lambda r: r[1]),
    ("stance", lambda r: r[2]),
    ("says", lambda r: r[3]),
    ("sentence", lambda r: r[4]),
]


def detail(row: Conflict | Quote | Claim, fmt: Format, labels: dict[str, str] | None = None) -> None:
    """`figures show`, `quotes show`, `claims show`: every source's words in full. JSON is the row
    itself; TSV/CSV/JSON Lines one line per source (id, doc, stance, what it says, sentence)."""
    if fmt is Format.json:
        _dump(row)
        return
    lines = _detail_lines(row)
    if fmt is not Format.table:
        rows(lines, DETAIL_COLUMNS, fmt)
        return
    console = stdout()
    labels = labels or {}
    header = Text()
    if isinstance(row, Conflict):
        header.append(f"Figure conflict {row.id}: ", style="dim")
        header.append(safe(row.counts), style="bold")
    elif isinstance(row, Quote):
        header.append(f"Quote {row.id}: ", style="dim")
        header.append(f"“{safe(row.text)}”", style="bold")
    else:
        header.append(f"Claim {row.id}: ", style="dim")
        header.append(safe(row.statement), style="bold yellow" if row.disputed else "bold")
        header.append("\n" + safe(row.summary), style="dim")
    console.print(header)
    table = Table(expand=True, show_lines=True)
    sources = [labels.get(line[1], line[1]) for line in lines]
    table.add_column("source", width=_fixed("source", sources, console))
    table.add_column("says", width=_fixed("says", (line[3] for line in lines), console, 5))
    table.add_column("sentence, in full", ratio=1)
    for source, (_, _, stance, says, sentence) in zip(sources, lines, strict=True):
        cell = Text(safe(says), style="red" if stance in ("denied", "negated") else "")
        table.add_row(Text(safe(source)), cell, Text(safe(sentence)))
    console.print(table)


def _detail_lines(row: Conflict | Quote | Claim) -> list[tuple[str, str, str, str, str]]:
    """(id, doc, stance, what the source says, its sentence) per source of the row."""
    if isinstance(row, Conflict):
        return [
            (row.id, v.doc, "value", figure_value(v.value, v.unit, v.qualifier, v.high), v.sentence) for v in row.values
        ]
    if isinstance(row, Quote):
        return [
            (row.id, c.doc, "carries", " ".join(filter(None, (c.speaker, c.speaker_description))) or "?", c.sentence)
            for c in row.carriers
        ]
    return [
        (row.id, c.doc, c.polarity, f"{c.polarity}" + (f" on the word of {c.origin}" if c.origin else ""), c.sentence)
        for c in row.carriers
    ]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def date_text(value: str, precision: str) -> str:
    """ "2024-07-28" -> "28 July 2024", "--07-28" -> "28 July (year unknown)", "" -> "not placed"."""
    if not value:
        return "not placed"
    parts = value.lstrip("-").split("-")
    if precision == "monthday":
        return f"{int(parts[1])} {MONTHS[int(parts[0]) - 1]} (year unknown)"
    if precision == "month":
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if precision == "day":
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


TIMELINE_COLUMNS: list[Column] = [
    ("date", lambda r: r.date),
    ("precision", lambda r: r.precision),
    ("docs", lambda r: ",".join(r.docs)),
    ("texts", lambda r: "; ".join(dict.fromkeys(x.text for x in r.reports))),
    ("sentence", lambda r: r.reports[0].sentence),
    ("story", lambda r: "" if r.story is None else r.story),
]


def timeline(
    items: list[TimelineEvent], fmt: Format, labels: dict[str, str] | None = None, limit: int | None = None
) -> int:
    """`newscorpus timeline`: one row per date, with the sources that name it."""
    if fmt is not Format.table:
        return rows(items, TIMELINE_COLUMNS, fmt, limit=limit)
    if not items:
        nothing("dates")
        return 0
    table = Table(title="Timeline", title_justify="left", expand=True)
    console = stdout()
    table.add_column("date", width=_fixed("date", ["28 September 2024"], console))
    table.add_column("sources", justify="right")
    table.add_column("source: as written, in its sentence", ratio=5)
    room = evidence_width(console, 28)
    for event in items[:limit]:
        lines = Text()
        for i, report in enumerate(event.reports):
            lines.append(("\n" if i else "") + safe((labels or {}).get(report.doc, report.doc)) + ": ", style="dim")
            lines.append(safe(report.text), style="bold")
            lines.append("  " + shorten(safe(report.sentence), room))
        when = Text(date_text(event.date, event.precision))
        if not event.date:
            when = Text(f"“{safe(event.reports[0].text)}”: not placed", style="dim")
        table.add_row(when, str(len(event.docs)), lines)
    console.print(table)
    more(len(items), len(items[:limit]), "dates")
    return len(items)


def comparison(result: Comparison, fmt: Format) -> None:
    """`newscorpus compare`: one object in JSON, one row per source in the row formats."""
    if fmt is Format.json:
        _dump(result)
        return
    if fmt is not Format.table:
        rows(result.sources, COVERAGE_COLUMNS, fmt)
        return
    console = stdout()
    labels = doc_labels(result.documents)
    _entity_header(console, result)
    if len(result.stories) <= 1:
        _comparison_body(console, result, labels)
        return
    story_of = {d.id: d.story for d in result.documents}
    for told in result.stories[:COMPARE_STORIES]:
        heading = Text(f"\nStory {told.id}: ", style="bold")
        heading.append(safe(told.label), style="bold")
        heading.append(f"  ·  named in {told.mentioning} of its {plural(told.articles, 'article')}", style="dim")
        console.rule(style="dim")
        console.print(heading)
        within = result.model_copy(
            update={
                "sources": [s for s in result.sources if s.story == told.id],
                "absent": told.absent,
                "absent_labels": told.absent_labels,
                "documents": [d for d in result.documents if d.story == told.id],
                "figures": [f for f in result.figures if story_of.get(f.doc) == told.id],
                "conflicts": [c for c in result.conflicts if c.story == told.id],
                "quotes": [q for q in result.quotes if q.story == told.id],
                "claims": [c for c in result.claims if c.story == told.id],
            }
        )
        _comparison_body(console, within, labels)
    if len(result.stories) > COMPARE_STORIES:
        rest = len(result.stories) - COMPARE_STORIES
        console.print(
            Text(f"\n{plural(rest, 'more story', 'more stories')} name it: --story ID for one, --format json", "dim")
        )


COMPARE_STORIES = 5  # stories `compare` shows at a terminal, most articles naming the entity first


def _comparison_body(console: Console, result: Comparison, labels: dict[str, str]) -> None:
    """Coverage, conflicts, figures, quotes and claims of one comparison (or of one story of it)."""
    _coverage_table(console, result, labels)
    _more(console, _conflicts_table(console, result.conflicts, labels, limit=COMPARE_ROWS), "disagreeing pairs")
    _figures_naming(console, result.figures, labels)
    if result.quotes:
        _quotes_table(console, result.quotes[:COMPARE_ROWS], title="Quotes by it, then about it", labels=labels)
        _more(console, len(result.quotes), "quotes")
    _shared_claims(console, result.claims, labels)


def _entity_header(console: Console, result: Comparison) -> None:
    entity = result.entity
    header = Text()
    header.append(safe(entity.name), style="bold")
    mentions = f"{entity.mentions} mention{'s' if entity.mentions != 1 else ''}"
    header.append(f"  {entity.type}  ·  {mentions} in {entity.coverage}\n")
    header.append("Variants: " + safe(variants_text(entity.variants)), style="dim")
    console.print(header)


WIDE = 120  # columns from which the coverage table has room for titles


def _coverage_table(console: Console, result: Comparison, labels: dict[str, str]) -> None:
    """One row per source that mentions the entity, then who does not, then what was counted once.
    Below WIDE columns the title gives way (the first sentence is usually much the same), and the
    date moves under the source."""
    shown = result.sources[:COMPARE_ROWS]
    wide = console.width >= WIDE
    source_width = _fixed("source", (labels.get(s.doc, s.doc) for s in shown), console)
    table = Table(title="Coverage by source", title_justify="left", expand=True)
    table.add_column("source", width=source_width)
    if wide:
        table.add_column("title", ratio=2)
    table.add_column("mentions", justify="right")
    table.add_column("variants", width=_fixed("variants", (variants_text(s.variants) for s in shown), console, 5))
    table.add_column("first sentence", ratio=4)
    room = evidence_width(console, source_width + (40 if wide else 0) + 40)
    for s in shown:
        source = Text(safe(labels.get(s.doc, s.doc)))
        title = Text(shorten(safe(s.title), 60))
        dated = title if wide else source
        if s.published:
            dated.append(("  " if wide else "\n") + s.published.isoformat(), style="dim")
        if s.copies:
            dated.append("  (+ copies: " + safe(", ".join(s.copies)) + ")", style="dim")
        cells: list[Text] = [source, *([title] if wide else []), Text(str(s.mentions))]
        cells.append(Text(safe(variants_text(s.variants))))
        table.add_row(*cells, Text(shorten(safe(s.first_sentence), room)))
    console.print(table)
    _more(console, len(result.sources), "sources")
    if result.absent:
        absent = ", ".join(result.absent_labels[:COMPARE_ROWS])
        if len(result.absent) > COMPARE_ROWS:
            absent += f" and {len(result.absent) - COMPARE_ROWS} more"
        console.print(Text("Not mentioned in: " + safe(absent), style="yellow"))
    else:
        console.print(Text("Mentioned in every source.", style="dim"))
    for d in result.documents:
        if d.copy_of:
            console.print(Text(f"Counted once: {safe(d.id)}, {safe(copy_text(d))}", style="dim"))


def _figures_naming(console: Console, figures: list[Figure], labels: dict[str, str]) -> None:
    if not figures:
        return
    shown = sorted(figures, key=lambda f: not f.conflict)[:COMPARE_ROWS]
    console.print(_figures_table("Figures in sentences naming it", shown, labels, console))
    _more(console, len(figures), "figures")


def _shared_claims(console: Console, claims: list[Claim], labels: dict[str, str]) -> None:
    """Claims carried by several sources (disputed first); a count of the single-source rest."""
    shared = [c for c in claims if c.disputed or len(c.asserted_by) > 1 or len(c.negated_by) > 1]
    if shared:
        _claims_table(
            console, shared[:COMPARE_ROWS], title="Claims carried by several sources (disputed first)", labels=labels
        )
        _more(console, len(shared), "claims carried by several sources")
    if len(shared) < len(claims):
        console.print(
            Text(
                f"{plural(len(claims) - len(shared), 'claim')} from a single source not shown: "
                "newscorpus claims --entity NAME, or --format json",
                style="dim",
            )
        )


def _more(console: Console, count: int, what: str) -> None:
    if count > COMPARE_ROWS:
        console.print(Text(f"{count - COMPARE_ROWS} more {what} not shown: --format json has them all", style="dim"))
