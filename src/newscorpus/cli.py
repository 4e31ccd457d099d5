"""The command line: parse options, call one core function, hand its result to render.

Errors from the core arrive as NewscorpusError and leave as one line on stderr and an exit code.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from typer.core import TyperArgument, TyperGroup

from newscorpus import __version__, queries, settings
from newscorpus.errors import STORAGE_ERRORS, ExitCode, NewscorpusError, OutputError
from newscorpus.models import ENTITY_TYPES, DocFilter
from newscorpus.output import console, render
from newscorpus.output.render import Format

# Typer prints a parameter's Python type beside an argument ("paths... <list[Path]>") and braces
# around it in the usage line ("{paths}"); an argument's metavar already says it in plain words.
_typer_display_type = TyperArgument.display_type_rich
TyperArgument.display_type_rich = lambda self, ctx: None if self.metavar else _typer_display_type(self, ctx)  # type: ignore[method-assign]
TyperArgument._usage_display_name = lambda self: self.metavar or self.name  # type: ignore[method-assign]

GLOBAL_FLAGS = ("--quiet", "-q", "--no-color", "--no-pager")  # the app's own options, also taken after the command
COMMAND_OPTIONS_WITH_VALUE = ("--db",)  # every command's own, also taken before the command


class _AnyOrderGroup(TyperGroup):
    """Global flags after the command (`newscorpus entities -q`) and `--db` before it
    (`newscorpus --db x.db entities`) both work: each is moved to where Click expects it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Typer bundles its own Click Context
        cut = args.index("--") if "--" in args else len(args)  # after "--" everything is an argument
        rest, tail = args[:cut], args[cut:]
        before: list[str] = []
        moved: list[str] = []  # --db given before the command
        i = 0
        while i < len(rest) and rest[i] not in self.commands:
            if rest[i] in COMMAND_OPTIONS_WITH_VALUE:
                moved += rest[i : i + 2]
                i += 2
            elif rest[i].split("=", 1)[0] in COMMAND_OPTIONS_WITH_VALUE:
                moved.append(rest[i])
                i += 1
            else:
                before.append(rest[i])
                i += 1
        after = rest[i:]
        if not after:  # no command: leave it all to Click (help, --version, an error)
            return super().parse_args(ctx, args)
        flags = [a for a in after if a in GLOBAL_FLAGS]
        return super().parse_args(ctx, before + flags + [a for a in after if a not in GLOBAL_FLAGS] + moved + tail)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a reader that stops reading (`... | head`) ends it quietly, with 141."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Python flushes stdout again at exit; point it at devnull so that cannot fail too.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.CLOSED_PIPE) from None


app = typer.Typer(
    name="newscorpus",
    cls=_AnyOrderGroup,
    help="See who says what across news articles about one story, and where the outlets disagree.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", metavar="PATH", envvar=settings.DB_ENV, help="Database file [default: ./newscorpus.db]."),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, jsonl, csv or tsv [default: table at a terminal, tsv in a pipe].",
        case_sensitive=False,
    ),
]


def _entity_type(value: str | None) -> str | None:
    if value is not None and value.upper() not in ENTITY_TYPES:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(ENTITY_TYPES)}")
    return value.upper() if value else None


def _iso_date(value: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2024-08-12") from None


LimitOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        metavar="N",
        help=f"At most N rows [default: {render.TERMINAL_LIMIT} at a terminal, all in a pipe]; 0 for all.",
    ),
]
SourceFilter = Annotated[
    list[str] | None,
    typer.Option("--source", metavar="OUTLET", help="Only articles from this outlet, as `docs` shows it (repeatable)."),
]
SinceFilter = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", callback=_iso_date, help="Only articles published on or after DATE."),
]
UntilFilter = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", callback=_iso_date, help="Only articles published on or before DATE."),
]
DocsFilter = Annotated[
    list[str] | None,
    typer.Option("--doc", metavar="ID", help="Only this document, an id or its start (repeatable)."),
]


StoryFilter = Annotated[
    list[int] | None,
    typer.Option("--story", metavar="ID", help="Only the articles of this story, as `stories` lists it (repeatable)."),
]


def _only(
    source: list[str] | None,
    since: str | None,
    until: str | None,
    doc: list[str] | None,
    story: list[int] | None = None,
) -> DocFilter | None:
    """The filter options of a read command, as one DocFilter (None when none is given)."""
    if not (source or since or until or doc or story):
        return None
    return DocFilter(
        sources=source or [],
        since=datetime.date.fromisoformat(since) if since else None,
        until=datetime.date.fromisoformat(until) if until else None,
        docs=doc or [],
        stories=story or [],
    )


TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type", metavar="TYPE", callback=_entity_type, help="Only entities of this type (PERSON, ORG, GPE, ...)."
    ),
]


class SourceFrom(StrEnum):
    """Where a plain file's outlet comes from when nothing else names it."""

    parent = "parent"


def _is_table(fmt: Format | None) -> bool:
    return (fmt or render.default_format()) is Format.table


def _labels(db: Path | None, fmt: Format | None) -> dict[str, str] | None:
    """Document labels for a table (the other formats name documents by id)."""
    return queries.document_labels(settings.db_path(db)) if (fmt or render.default_format()) is Format.table else None


@contextmanager
def _user_errors() -> Iterator[None]:
    """The one boundary where core errors become a message and an exit code."""
    try:
        yield
    except NewscorpusError as exc:
        if os.environ.get("NEWSCORPUS_DEBUG"):
            raise
        console.error(str(exc), exc.hint)
        raise typer.Exit(exc.exit_code) from None
    except STORAGE_ERRORS as exc:
        if os.environ.get("NEWSCORPUS_DEBUG"):
            raise
        console.error(f"database error: {exc}", "another newscorpus may be writing; try again when it is done")
        raise typer.Exit(ExitCode.USAGE) from None
    except KeyboardInterrupt:
        console.error("interrupted; what was done is kept")
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def _version(value: bool) -> None:
    if value:
        print(f"newscorpus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal (NO_COLOR=1 does the same).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only data and errors: no progress, notes or summaries.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Print long tables at a terminal straight out (NEWSCORPUS_PAGER, PAGER choose one)."
        ),
    ] = False,
) -> None:
    """See who says what across news articles about one story, and where the outlets disagree.

    Data goes to stdout, messages to stderr. Tab completion: newscorpus --install-completion.
    """
    console.configure(color=not no_color, quiet=quiet, pager=not no_pager)
    with _user_errors():
        settings.project()  # a broken project file stops every command here, as one line


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...", help="Files or folders (searched recursively); - reads one article from stdin."
        ),
    ],
    db: DbOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", envvar=settings.MODEL_ENV, help="spaCy pipeline [default: the best installed English one]."
        ),
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PATTERN",
            help="File name pattern in folders; repeatable [default: *.txt *.md *.html *.htm *.jsonl].",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(metavar="OUTLET", help="The outlet, for articles whose metadata names none (plain text)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            callback=_iso_date,
            help="Publication date (2024-08-12), for articles whose metadata has none.",
        ),
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Read stdin (-) as JSON Lines, one article per line.")] = False,
    keep_boilerplate: Annotated[
        bool, typer.Option("--keep-boilerplate", help="Analyse every line; do not remove page furniture.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(min=1, metavar="N", envvar=settings.WORKERS_ENV, help="Processes running spaCy (one per core)."),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar=settings.SCHEDULER_ENV,
            metavar="ADDRESS",
            help="Run spaCy on a Dask cluster (tcp://HOST:8786); the database is written here.",
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1, metavar="BYTES", help="Skip (with a message) any file or JSON Lines record larger than this."
        ),
    ] = settings.MAX_BYTES,
    source_from: Annotated[
        SourceFrom | None,
        typer.Option(
            "--source-from",
            metavar="parent",
            help="parent: the outlet is the name of the folder a file sits in (when no sources file names one).",
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on a terminal.")] = True,
) -> None:
    """Load articles, separate them from page furniture, find their entities and facts, and store them.

    Reads plain text, HTML pages and JSON Lines (one article per line: text, and optionally id,
    title, source, url, date, author). Unchanged inputs are skipped; a changed one replaces its
    old records. An input that cannot be read is reported and skipped, the rest is stored, and
    the exit code is 1.

    Plain files name no outlet: a sources.csv in the folder (columns file, outlet, date, url; a
    file name or glob per row) gives each its outlet, date and link, or --source-from parent takes
    the folder a file sits in; `docs set` corrects one document afterwards.

    \b
    Example:
      newscorpus ingest seeds/
      curl -s https://example.com/story | newscorpus ingest - --source Example
      find corpus -name '*.txt' -print0 | xargs -0 newscorpus ingest
      newscorpus ingest corpus/ --workers 2
      newscorpus ingest by-outlet/ --source-from parent
      newscorpus ingest corpus/ --scheduler tcp://scheduler:8786
    """
    from newscorpus.ingest import pipeline  # the NLP path loads only for ingest

    if scheduler and workers > 1:
        raise typer.BadParameter("choose --workers (processes here) or --scheduler (a cluster), not both")

    options = pipeline.inputs.Options(
        keep_boilerplate=keep_boilerplate,
        source=source or "",
        published=datetime.date.fromisoformat(published) if published else None,
    )
    with _user_errors(), console.progress_bar(progress) as on_progress:
        report = pipeline.ingest(
            paths,
            db_path=settings.db_path(db),
            model=settings.model_name(model),
            globs=tuple(glob) if glob else pipeline.inputs.DEFAULT_GLOBS,
            options=options,
            stdin=sys.stdin.buffer,
            stdin_jsonl=jsonl,
            workers=workers,
            scheduler=scheduler,
            max_bytes=max_bytes,
            source_from_parent=source_from is SourceFrom.parent,
            on_progress=on_progress,
            on_wait=console.note,
        )
    console.ingest_summary(report)
    if report.failed:
        raise typer.Exit(ExitCode.FAILED)


docs_app = typer.Typer(
    help="List the stored documents, show one's text or removed furniture, or correct its metadata.",
    invoke_without_command=True,
)
app.add_typer(docs_app, name="docs")
DocArgument = Annotated[
    str, typer.Argument(metavar="ID", help="A document id, or the start of one (as git takes a commit's).")
]


@docs_app.callback()
def docs(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: FormatOption = None,
    show_removed: Annotated[
        str | None, typer.Option("--show-removed", metavar="ID", help="Show the furniture lines removed from ID.")
    ] = None,
    show_text: Annotated[
        str | None,
        typer.Option("--show-text", metavar="ID", help="Print the stored text of ID: what mention offsets point into."),
    ] = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """List the stored documents: source, title, date, and the copies of each.

    \b
    Example:
      newscorpus docs --format json
      newscorpus docs --show-removed 000_eaa6
      newscorpus docs set 001 --source "Miami Herald" --date 2024-08-13
    """
    if ctx.invoked_subcommand is not None:
        return
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(_is_table(fmt)):
        if show_text is not None:
            render.plain(queries.document_text(settings.db_path(db), show_text))
        elif show_removed is not None:
            lines = queries.removed_lines(settings.db_path(db), show_removed)
            render.removed_lines(lines, fmt, limit=render.limit_for(limit, fmt))
        elif not render.documents(
            queries.docs(settings.db_path(db), only=_only(source, since, until, doc, story)),
            fmt,
            limit=render.limit_for(limit, fmt),
        ):
            raise typer.Exit(ExitCode.FAILED)


@docs_app.command("rm")
def docs_rm(
    docs: Annotated[list[str], typer.Argument(metavar="ID...", help="Document ids, or their starts.")],
    db: DbOption = None,
) -> None:
    """Remove documents and everything found in them; entities, copies and quote groups are
    computed again. An ingest of the same file adds it back.

    Example:  newscorpus docs rm 003 004
    """
    from newscorpus.ingest import pipeline  # writes and re-resolves; no spaCy

    with _user_errors():
        removed = pipeline.remove(settings.db_path(db), docs, queries.document_id)
    console.note(f"removed {console.plural(len(removed), 'document')}: {', '.join(removed)}")


@docs_app.command("set")
def docs_set(
    doc: DocArgument,
    db: DbOption = None,
    fmt: FormatOption = None,
    source: Annotated[str, typer.Option(metavar="OUTLET", help="The outlet that published it.")] = "",
    published: Annotated[
        str, typer.Option("--date", metavar="DATE", callback=_iso_date, help="Its publication date (2024-08-12).")
    ] = "",
    url: Annotated[str, typer.Option(metavar="URL", help="Where the original is.")] = "",
) -> None:
    """Correct a document's outlet, date or url after ingest.

    The correction is kept in the database and applied again by every later ingest, over what the
    page says and what a sources file says.

    Example:  newscorpus docs set 001 --source "Miami Herald" --date 2024-08-13
    """
    if not (source or published or url):
        raise typer.BadParameter("give --source, --date or --url")
    with _user_errors():
        row = queries.set_document(settings.db_path(db), doc, source=source, published=published or "", url=url)
        render.documents([row], fmt or render.default_format())


@app.command()
def entities(
    db: DbOption = None,
    fmt: FormatOption = None,
    type_: TypeOption = None,
    min_sources: Annotated[
        int, typer.Option(min=1, metavar="N", help="Only entities named in at least N sources.")
    ] = 1,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    explain: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Show why each variant of the entity NAME finds was joined to it."),
    ] = None,
) -> None:
    """List canonical entities with their variants, most mentioned first.

    With --explain NAME, list that entity's variants, each with the rule that joined it (and the
    name it joined); correct a wrong one with `newscorpus alias split`.

    Example:  newscorpus entities --type PERSON --min-sources 2
    Example:  newscorpus entities --explain Trump
    """
    if explain is not None:
        with _user_errors(), console.paged(_is_table(fmt)):
            entity, others = queries.explain(settings.db_path(db), explain, type_=type_)
            if others:
                console.note("also matched: " + ", ".join(others))
            render.explanation(entity, fmt or render.default_format())
        return
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(_is_table(fmt)):
        found, total = queries.entities(
            settings.db_path(db),
            type_=type_,
            min_sources=min_sources,
            limit=render.limit_for(limit, fmt),
            only=_only(source, since, until, doc, story),
        )
        corrections = queries.alias_rows(settings.db_path(db))
        render.entities(found, fmt)
        render.more(total, len(found), "entities")
    if corrections:
        console.note(f"{console.plural(len(corrections), 'hand correction')} applied (see `newscorpus alias list`)")
    if not found:
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def mentions(
    db: DbOption = None,
    fmt: FormatOption = None,
    entity: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only mentions of this entity (name or variant).")
    ] = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """List every stored mention with its offsets and entity.

    Example:  newscorpus mentions --entity Blinken --format jsonl
    """
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(_is_table(fmt)):
        only = _only(source, since, until, doc, story)
        found = queries.mentions(settings.db_path(db), entity=entity, context=_is_table(fmt), only=only)
        count = render.mentions(found, fmt, _labels(db, fmt), limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def compare(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="Entity name or any variant; case, accents and typos forgiven."),
    ] = None,
    entity: Annotated[str | None, typer.Option(metavar="NAME", help="The same as NAME.")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
    type_: TypeOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """Compare how each source covers one entity: coverage, figures, quotes and claims.

    The table shows coverage by source, then figure conflicts, figures, quotes by and about the
    entity, and claims carried by several sources (disputed first). JSON holds everything;
    the row formats (tsv, csv, jsonl) hold the coverage rows.

    \b
    Example:
      newscorpus compare Maduro
      newscorpus compare --entity Maduro --format json | jq '.sources | length'
      newscorpus compare Maduro --source "The Week" --source "Markets wire"    # outlet against outlet
    """
    if (name is None) == (entity is None):
        raise typer.BadParameter("name one entity: newscorpus compare NAME (or --entity NAME)")
    entity = name or entity or ""
    with _user_errors(), console.paged(_is_table(fmt)):
        result = queries.compare(
            settings.db_path(db), entity, type_=type_, only=_only(source, since, until, doc, story)
        )
        if result.other_matches:
            console.note("also matched: " + ", ".join(result.other_matches))
        render.comparison(result, fmt or render.default_format())


EntityFilter = Annotated[
    str | None, typer.Option(metavar="NAME", help="Only in sentences naming this entity (name or variant).")
]


figures_app = typer.Typer(
    help="List the figures the sources report, where they disagree and agree; show one conflict whole.",
    invoke_without_command=True,
)
app.add_typer(figures_app, name="figures")


@figures_app.callback()
def figures(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    entity: EntityFilter = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only figures on which sources disagree.")] = False,
    agreements: Annotated[
        bool, typer.Option("--agreements", help="Only figures on which several sources agree.")
    ] = False,
) -> None:
    """List the figures the sources report, where they disagree, and where they agree.

    A figure has a value, a hedge ("approximately", "over"), a unit and what it counts. Figures
    that count the same thing in two sources conflict when no value one source allows can be true
    with any value the other allows; each conflict names the pairs of values that disagree.

    \b
    Example:
      newscorpus figures --conflicts --format json | jq '.conflicts[0].pairs'
      newscorpus figures show 0b10da7
    """
    if ctx.invoked_subcommand is not None:
        return
    if conflicts and agreements:
        raise typer.BadParameter("--conflicts and --agreements choose different figures; give one")
    with _user_errors(), console.paged(_is_table(fmt)):
        only: Literal["conflicts", "agreements"] | None = (
            "conflicts" if conflicts else "agreements" if agreements else None
        )
        found, conflicting, agreeing = queries.figures(
            settings.db_path(db), entity=entity, only=only, within=_only(source, since, until, doc, story)
        )
        fmt = fmt or render.default_format()
        count = render.figures(
            found, conflicting, agreeing, fmt, only=only, labels=_labels(db, fmt), limit=render.limit_for(limit, fmt)
        )
    if not count:
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def timeline(
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    entity: EntityFilter = None,
    placed_only: Annotated[
        bool, typer.Option("--placed-only", help="Leave out dates that could not be placed in time.")
    ] = False,
) -> None:
    """List the dates the sources name, in order, with the sources that name each.

    "July 28" takes its year from the article's publication date; "last month" and "Sunday" are
    resolved against it. Without a publication date (see ingest --date), a date without a year
    stays "year unknown" and a relative one is listed last, as written.

    Example:  newscorpus timeline --entity Maduro --format json | jq '.[] | {date, docs}'
    """
    with _user_errors(), console.paged(_is_table(fmt)):
        found = queries.timeline(
            settings.db_path(db), entity=entity, placed_only=placed_only, only=_only(source, since, until, doc, story)
        )
        fmt = fmt or render.default_format()
        count = render.timeline(found, fmt, _labels(db, fmt), limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


quotes_app = typer.Typer(
    help="List quotations matched across sources with their speakers; show one whole.", invoke_without_command=True
)
app.add_typer(quotes_app, name="quotes")


@quotes_app.callback()
def quotes(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    speaker: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only quotes credited to this entity, or to a description with these words."),
    ] = None,
) -> None:
    """List quotations, matched across the sources that carry them, with their speakers.

    \b
    Example:
      newscorpus quotes --speaker Maduro --format json
      newscorpus quotes show af3d0a4
    """
    if ctx.invoked_subcommand is not None:
        return
    with _user_errors(), console.paged(_is_table(fmt)):
        found = queries.quotes(settings.db_path(db), speaker=speaker, only=_only(source, since, until, doc, story))
        fmt = fmt or render.default_format()
        count = render.quotes(found, fmt, _labels(db, fmt), limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


claims_app = typer.Typer(
    help="List claims aligned across sources, who asserts and who denies; show one whole.", invoke_without_command=True
)
app.add_typer(claims_app, name="claims")


@claims_app.callback()
def claims(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    entity: EntityFilter = None,
    disputed: Annotated[
        bool, typer.Option("--disputed", help="Only claims some sources assert and others deny.")
    ] = False,
) -> None:
    """List claims aligned across sources: who asserts, who denies, and on whose word.

    \b
    Example:
      newscorpus claims --entity Maduro --disputed
      newscorpus claims show bb47da4
    """
    if ctx.invoked_subcommand is not None:
        return
    with _user_errors(), console.paged(_is_table(fmt)):
        found = queries.claims(
            settings.db_path(db), entity=entity, disputed_only=disputed, only=_only(source, since, until, doc, story)
        )
        fmt = fmt or render.default_format()
        count = render.claims(found, fmt, _labels(db, fmt), limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


@app.command("sources")
def sources_(
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """Summarise each outlet: articles, words, dates, the entities it names most and least compared
    with the others, the quotes it carries, the claims it asserts or denies, the figures only it reports.

    \b
    Example:
      newscorpus sources
      newscorpus sources --format json | jq '.[] | {outlet, disputes, figures_only}'
    """
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(fmt is Format.table):
        found = queries.sources(settings.db_path(db), only=_only(source, since, until, doc, story))
        count = render.outlets(found, fmt, limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words, "a phrase", AND, OR, NOT, NEAR(a b, 10), prefix*.')
    ],
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
    context: Annotated[
        int, typer.Option("--context", "-C", min=0, metavar="N", help="Show N sentences before and after each match.")
    ] = 0,
) -> None:
    """Search the stored article text: each matching sentence, best article first, keyword in context.

    QUERY is SQLite FTS5 syntax: words (all must occur), "a phrase", OR, NOT, NEAR(a b, 10) for
    words close together, negotiat* for a prefix; case and accents are ignored.

    \b
    Example:
      newscorpus search '"secret talks"' -C 1
      newscorpus search 'amnesty AND (Doha OR Qatar)' --format json | jq '.[].doc' | sort -u
    """
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(fmt is Format.table):
        found = queries.search(
            settings.db_path(db), query, context=context, only=_only(source, since, until, doc, story)
        )
        count = render.search_hits(found, fmt, _labels(db, fmt), limit=render.limit_for(limit, fmt))
    if not count:
        raise typer.Exit(ExitCode.FAILED)


RowId = Annotated[str, typer.Argument(metavar="ID", help="The row's id, as tables and JSON show it, or its start.")]


@figures_app.command("show")
def figures_show(row_id: RowId, db: DbOption = None, fmt: FormatOption = None) -> None:
    """Show one figure conflict whole: every source's value and its sentence in full.

    Example:  newscorpus figures show 0b10da7
    """
    _show("figures", row_id, db, fmt)


@quotes_app.command("show")
def quotes_show(row_id: RowId, db: DbOption = None, fmt: FormatOption = None) -> None:
    """Show one quote whole: every source that carries it, who it says spoke, and its sentence in full.

    Example:  newscorpus quotes show af3d0a4
    """
    _show("quotes", row_id, db, fmt)


@claims_app.command("show")
def claims_show(row_id: RowId, db: DbOption = None, fmt: FormatOption = None) -> None:
    """Show one claim whole: every source's stance, on whose word, and its sentence in full.

    Example:  newscorpus claims show bb47da4
    """
    _show("claims", row_id, db, fmt)


def _show(kind: Literal["figures", "quotes", "claims"], row_id: str, db: Path | None, fmt: Format | None) -> None:
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(fmt is Format.table):
        found = queries.show(settings.db_path(db), kind, row_id)
        render.detail(found, fmt, _labels(db, fmt))


stories_app = typer.Typer(
    help="The stories of the corpus (articles about one event), their articles, and corrections by hand.",
    invoke_without_command=True,
)
app.add_typer(stories_app, name="stories")
StoryArgument = Annotated[str, typer.Argument(metavar="STORY", help="A story id, as `stories` lists it.")]


@stories_app.callback()
def stories(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """List the stories: the articles about one event, grouped at ingest by the names, words and
    dates they share. Figure conflicts, shared quotes, claims and `compare` stay within a story.

    \b
    Example:
      newscorpus stories
      newscorpus stories show 3
      newscorpus compare Maduro --story 3
    """
    if ctx.invoked_subcommand is not None:
        return
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(_is_table(fmt)):
        found = queries.stories(settings.db_path(db), only=_only(source, since, until, doc, story))
        if not render.stories(found, fmt, limit=render.limit_for(limit, fmt)):
            raise typer.Exit(ExitCode.FAILED)


@stories_app.command("show")
def stories_show(
    story: Annotated[int, typer.Argument(metavar="STORY", help="A story id, as `stories` lists it.")],
    db: DbOption = None,
    fmt: FormatOption = None,
    limit: LimitOption = None,
) -> None:
    """List the articles of one story, earliest first.

    Example:  newscorpus stories show 3
    """
    fmt = fmt or render.default_format()
    with _user_errors(), console.paged(_is_table(fmt)):
        render.story(queries.story(settings.db_path(db), story), fmt, limit=render.limit_for(limit, fmt))


@stories_app.command("merge")
def stories_merge(
    stories: Annotated[list[str], typer.Argument(metavar="STORY...", help="Two or more story ids.")],
    db: DbOption = None,
) -> None:
    """Make several stories one (the grouping put one event's articles apart).

    Kept in the database and applied again after every ingest.

    Example:  newscorpus stories merge 3 7
    """
    _story_correction("merge", stories, db)


@stories_app.command("move")
def stories_move(doc: DocArgument, story: StoryArgument, db: DbOption = None) -> None:
    """Move one article into another story.

    Example:  newscorpus stories move 003 2
    """
    _story_correction("move", [doc, story], db)


@stories_app.command("split")
def stories_split(
    docs: Annotated[list[str], typer.Argument(metavar="ID...", help="Document ids, or their starts.")],
    db: DbOption = None,
) -> None:
    """Take articles out of their story into a story of their own (together).

    Example:  newscorpus stories split 003 004
    """
    _story_correction("split", docs, db)


def _story_correction(action: str, given: list[str], db: Path | None) -> None:
    from newscorpus.ingest import pipeline  # regrouping, no spaCy

    with _user_errors():
        console.note(pipeline.correct_story(settings.db_path(db), action, given, queries.document_id))


alias_app = typer.Typer(
    help="Correct entity resolution by hand: names that must, or must never, be one entity.", no_args_is_help=True
)
app.add_typer(alias_app, name="alias")
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="An entity name or variant, as `entities` shows it.")]


@alias_app.command("merge")
def alias_merge(name: NameArgument, other: NameArgument, db: DbOption = None) -> None:
    """Make the entities two names are in one entity (every variant of each), whatever the rules say.

    Kept in NAME.aliases.toml beside the database and applied on every ingest.

    Example:  newscorpus alias merge "Juan González" "Juan Barreto"
    """
    _alias("merge", name, other, db)


@alias_app.command("split")
def alias_split(name: NameArgument, other: NameArgument, db: DbOption = None) -> None:
    """Keep two names apart, whatever the rules say; says where the second one goes.

    Example:  newscorpus alias split "Edmundo González" "González"
    """
    _alias("split", name, other, db)


@alias_app.command("rename")
def alias_rename(
    name: NameArgument,
    new_name: Annotated[str, typer.Argument(metavar="NEW_NAME", help="The name the entity is to have.")],
    db: DbOption = None,
) -> None:
    """Choose the name of the entity NAME is in (its id stays the same).

    Example:  newscorpus alias rename Maduro "Nicolás Maduro Moros"
    """
    _alias("rename", name, new_name, db)


@alias_app.command("rm")
def alias_rm(name: NameArgument, other: NameArgument, db: DbOption = None) -> None:
    """Take back a correction (merge, split or rename) of two names.

    Example:  newscorpus alias rm "Edmundo González" "González"
    """
    _alias("rm", name, other, db)


def _alias(action: str, name: str, other: str, db: Path | None) -> None:
    from newscorpus.ingest import pipeline  # re-resolution, no spaCy

    with _user_errors():
        console.note(pipeline.correct(settings.db_path(db), action, name, other))


@alias_app.command("list")
def alias_list(db: DbOption = None, fmt: FormatOption = None) -> None:
    """List the corrections in the alias file.

    Example:  newscorpus alias list --format json
    """
    with _user_errors():
        rows = queries.alias_rows(settings.db_path(db))
        render.aliases(rows, fmt or render.default_format())


@app.command()
def report(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write; - for stdout.")
    ],
    entity: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="An entity to show (repeatable) [default: the most mentioned]."),
    ] = None,
    top: Annotated[int, typer.Option(min=1, metavar="N", help="How many entities, when none is named.")] = 15,
    title: Annotated[str, typer.Option(metavar="TEXT", help="The page title.")] = "Who says what: newscorpus report",
    db: DbOption = None,
    source: SourceFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    doc: DocsFilter = None,
    story: StoryFilter = None,
) -> None:
    """Write one self-contained HTML page: coverage of the top entities by outlet; for each entity
    named (else for the corpus) the figure conflicts, disputed claims, quotes and dates several
    sources carry, each linked to its sentence; and a legend of the sources with links to the
    originals. No script, no network; it prints, and reads on a phone.

    \b
    Example:
      newscorpus report --output report.html
      newscorpus report -o maduro.html --entity Maduro --entity "Edmundo González"
    """
    from newscorpus.output import html  # Jinja2 loads only for the report

    with _user_errors():
        content = queries.report(
            settings.db_path(db), entities=entity, top=top, only=_only(source, since, until, doc, story)
        )
        page = html.render(content, title=title, generated=datetime.date.today().isoformat())
        if str(output) == "-":
            sys.stdout.write(page)
        else:
            try:
                output.write_text(page, encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"cannot write the report ({exc.strerror})", path=str(output)) from None
    if str(output) != "-":
        console.note(
            f"wrote {output}: {console.plural(len(content.heatmap), 'entity', 'entities')},"
            f" {console.plural(len(content.documents), 'article')}"
        )


def main() -> None:
    """Console-script entry point."""
    app()
