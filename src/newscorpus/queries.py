"""The read side: what the query commands ask of the database. Returns models; never loads spaCy."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from newscorpus import align, labels, store
from newscorpus.errors import NoMatch
from newscorpus.models import (
    Agreement,
    AliasRow,
    Claim,
    Comparison,
    Conflict,
    DateReport,
    DocFilter,
    DocumentRow,
    Entity,
    Figure,
    HeatmapRow,
    MentionRow,
    NameKey,
    OutletSummary,
    Quote,
    QuoteRow,
    RemovedLine,
    Report,
    ReportSection,
    SearchHit,
    Story,
    StoryCoverage,
    TimelineEvent,
)
from newscorpus.resolve import aliases
from newscorpus.resolve.names import name_key
from newscorpus.text import lexicon

FUZZY_MATCH = 85  # rapidfuzz score for a misspelt query ("Madurro") to still find its entity
SUGGEST = 65  # lower bar for "did you mean" suggestions


def docs(db: Path, *, only: DocFilter | None = None) -> list[DocumentRow]:
    """Every stored document (that `only` lets through)."""
    with closing(store.connect(db, create=False)) as conn:
        allowed = _allowed(conn, only)
        return _labelled(conn, store.list_documents(conn, allowed))


def stories(db: Path, *, only: DocFilter | None = None) -> list[Story]:
    """The stories (with articles that `only` lets through), most articles first."""
    with closing(store.connect(db, create=False)) as conn:
        _grouped(conn)
        return _stories(conn, _allowed(conn, only))


def story(db: Path, story_id: int) -> Story:
    """One story with its articles (`Story.documents`), earliest first.

    Raises:
        NoMatch: there is no such story.
    """
    with closing(store.connect(db, create=False)) as conn:
        _grouped(conn)
        found = [s for s in _stories(conn, None) if s.id == story_id]
        if not found:
            raise NoMatch(f"there is no story {story_id}", hint="newscorpus stories lists them")
        rows = _labelled(conn, store.list_documents(conn, found[0].docs))
        rows.sort(key=lambda d: (d.published is None, d.published or date.min, d.id))
        return found[0].model_copy(update={"documents": rows})


def _grouped(conn: store.Connection) -> None:
    """Raises NoMatch when there are articles but no stories yet (a database from before stories)."""
    if not store.list_stories(conn) and store.document_ids(conn):
        raise NoMatch("the articles are not grouped into stories yet", hint="the next ingest groups them")


def _stories(conn: store.Connection, allowed: set[str] | None) -> list[Story]:
    dates = {doc: (outlet, published) for doc, outlet, published in store.document_dates(conn)}
    members: dict[int, list[str]] = defaultdict(list)
    for doc, story_id in store.document_stories(conn).items():
        if _keep(allowed, doc):
            members[story_id].append(doc)
    found = []
    for story_id, label in store.list_stories(conn):
        docs = sorted(members.get(story_id, []))
        if not docs:
            continue
        published = sorted(date.fromisoformat(day) for d in docs if (day := dates[d][1]))
        found.append(
            Story(
                id=story_id,
                label=label,
                articles=len(docs),
                outlets=len({dates[d][0] for d in docs if dates[d][0]}),
                first=published[0] if published else None,
                last=published[-1] if published else None,
                docs=docs,
            )
        )
    return sorted(found, key=lambda s: (-s.articles, s.id))


def removed_lines(db: Path, doc_id: str) -> list[RemovedLine]:
    """The page furniture removed from one document (an empty list when there was none).

    Raises:
        NoMatch: no document has this id (or a unique prefix of it).
    """
    with closing(store.connect(db, create=False)) as conn:
        return store.removed_lines(conn, document_id(conn, doc_id))


def document_text(db: Path, doc_id: str) -> str:
    """The stored text of one document: the body NER read, which mention offsets point into.

    Raises:
        NoMatch: no document has this id (or a unique prefix of it).
    """
    with closing(store.connect(db, create=False)) as conn:
        return store.document_text(conn, document_id(conn, doc_id))


def set_document(db: Path, doc_id: str, *, source: str = "", published: str = "", url: str = "") -> DocumentRow:
    """Correct a document's outlet, date (ISO) or url; the correction is kept and applied again by
    every later ingest. Returns the document as it now is.

    Raises:
        NoMatch: no document has this id (or a unique prefix of it).
    """
    with closing(store.connect(db, create=False)) as conn:
        found = document_id(conn, doc_id)
        store.correct_metadata(conn, found, source=source, published=published, url=url)
        return _labelled(conn, store.list_documents(conn, {found}))[0]


def show(db: Path, kind: Literal["figures", "quotes", "claims"], row_id: str) -> Conflict | Quote | Claim:
    """The figure conflict, quote or claim whose id is (or begins with) `row_id`.

    Raises:
        NoMatch: no row has it, or several begin with it (with their ids).
    """
    rows: list[Conflict] | list[Quote] | list[Claim]
    if kind == "figures":
        rows = figures(db, only="conflicts")[1]
    elif kind == "quotes":
        rows = quotes(db)
    else:
        rows = claims(db)
    given = row_id.strip().lower()
    found = {row.id: row for row in rows if given and row.id.startswith(given)}
    what = {"figures": "figure conflict", "quotes": "quote", "claims": "claim"}[kind]
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        raise NoMatch(f"'{row_id}' begins {len(found)} {what} ids; give more of it", suggestions=sorted(found)[:5])
    raise NoMatch(f"no {what} has the id '{row_id}'", hint=f"ids are in the id column of `newscorpus {kind}`")


def search(db: Path, query: str, *, context: int = 0, only: DocFilter | None = None) -> list[SearchHit]:
    """The sentences of stored articles that match an FTS5 query ("amnesty", '"secret talks"',
    "amnesty AND Doha", "NEAR(amnesty Doha, 10)", "Maduro NOT amnesty", "negotiat*"), best
    article first, each with `context` sentences either side.

    Raises:
        QueryError: FTS5 cannot read the query.
    """
    with closing(store.connect(db, create=False)) as conn:
        allowed = _allowed(conn, only)
        found = [row for row in store.search(conn, query) if _keep(allowed, row[0])]
        hits = []
        for doc_id, source, published, marked in found:
            text, matches = _unmarked(marked)
            spans = store.sentence_spans(conn, doc_id)
            for i, (start, end) in enumerate(spans):
                inside = [(a - start, b - start) for a, b in matches if start <= a < end]
                if not inside:
                    continue
                hits.append(
                    SearchHit(
                        doc=doc_id,
                        source=source,
                        published=published,
                        sentence=i,
                        start=start,
                        end=end,
                        text=text[start:end],
                        matches=inside,
                        before=[text[a:b] for a, b in spans[max(0, i - context) : i]],
                        after=[text[a:b] for a, b in spans[i + 1 : i + 1 + context]],
                    )
                )
        return hits


def _unmarked(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its match marks, and (start, end) of each match in it."""
    parts = re.split(f"([{store.MATCH_OPEN}{store.MATCH_CLOSE}])", marked)
    text, matches, start = [], [], 0
    length = 0
    for part in parts:
        if part == store.MATCH_OPEN:
            start = length
        elif part == store.MATCH_CLOSE:
            matches.append((start, length))
        else:
            text.append(part)
            length += len(part)
    return "".join(text), matches


def _allowed(conn: store.Connection, only: DocFilter | None) -> set[str] | None:
    """The ids of the documents `only` lets through; None when it filters nothing.

    Raises:
        NoMatch: an outlet or id names no document (with the outlets there are).
    """
    if only is None or not (only.sources or only.since or only.until or only.docs or only.stories):
        return None
    rows = store.document_dates(conn)
    allowed = {doc_id for doc_id, _, _ in rows}
    if only.sources:
        wanted = {name.casefold() for name in only.sources}
        outlets = {outlet for _, outlet, _ in rows if outlet}
        unknown = [name for name in only.sources if name.casefold() not in {o.casefold() for o in outlets}]
        if unknown:
            raise NoMatch(f"no article is from '{unknown[0]}'", suggestions=_close(unknown[0], sorted(outlets)))
        allowed &= {doc_id for doc_id, outlet, _ in rows if outlet.casefold() in wanted}
    if only.since or only.until:
        low, high = (only.since or date.min).isoformat(), (only.until or date.max).isoformat()
        allowed &= {doc_id for doc_id, _, published in rows if published and low <= published <= high}
    if only.docs:
        allowed &= {document_id(conn, given) for given in only.docs}
    if only.stories:
        _grouped(conn)
        story_of = store.document_stories(conn)
        missing = sorted(set(only.stories) - set(story_of.values()))
        if missing:
            raise NoMatch(f"there is no story {missing[0]}", hint="newscorpus stories lists them")
        allowed &= {doc for doc, story in story_of.items() if story in only.stories}
    return allowed


def _close(given: str, names: list[str]) -> list[str]:
    return [match for match, _, _ in process.extract(given, names, scorer=fuzz.WRatio, limit=3)]


def _keep(allowed: set[str] | None, doc: str) -> bool:
    return allowed is None or doc in allowed


TOP_NAMES = 5  # entities listed as named most, and least, by an outlet


def sources(db: Path, *, only: DocFilter | None = None) -> list[OutletSummary]:
    """Per outlet (most articles first): its articles, words and dates; the entities it names most
    and least compared with the others; the quotes it carries; the claims it asserts or denies;
    the figures only it reports. Copies are counted with the outlet that published them."""
    with closing(store.connect(db, create=False)) as conn:
        allowed = _allowed(conn, only)
        documents = store.list_documents(conn, allowed)
        by_outlet: dict[str, list[DocumentRow]] = defaultdict(list)
        for d in documents:
            by_outlet[d.source].append(d)
        names = {e.id: e.name for e in store.list_entities(conn)}
        counts = {outlet: store.entity_counts(conn, [d.id for d in docs]) for outlet, docs in by_outlet.items()}
        quotes = _quotes(conn, allowed=allowed)
        claims = [c for c in _claims(conn, None, allowed=allowed) if len(c.carriers) > 1]
        figures = [f for f in store.figures(conn) if _keep(allowed, f.doc) and f.key]
    outlet_of = {d.id: d.source for d in documents}
    figure_outlets: dict[str, set[str]] = defaultdict(set)
    for f in figures:
        figure_outlets[f.key].add(outlet_of.get(f.doc, ""))
    summaries = []
    for outlet, docs in sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0])):
        ids = {d.id for d in docs}
        more, less = _distinctive_names(outlet, counts, names)
        carried = [q for q in quotes if ids & set(q.docs)]
        dates = sorted(d.published for d in docs if d.published)
        summaries.append(
            OutletSummary(
                outlet=outlet,
                articles=len(docs),
                words=sum(d.words for d in docs),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                names_more=more,
                names_less=less,
                quotes=len(carried),
                shared_quotes=sum(1 for q in carried if {outlet_of.get(d, "") for d in q.docs} - {outlet}),
                asserts=sum(1 for c in claims if ids & set(c.asserted_by)),
                denies=sum(1 for c in claims if ids & set(c.denied_by + c.negated_by)),
                disputes=sum(1 for c in claims if c.disputed and ids & set(c.asserted_by + c.denied_by)),
                figures_only=sorted({f.text for f in figures if f.doc in ids and figure_outlets[f.key] == {outlet}}),
            )
        )
    return summaries


def _distinctive_names(
    outlet: str, counts: dict[str, dict[int, tuple[int, int, int]]], names: dict[int, str]
) -> tuple[list[str], list[str]]:
    """The entities `outlet` names most, and least, compared with the other outlets: by the share
    of its mentions against the share of theirs (entities every outlet names equally are neither)."""
    own = {entity: mentions for entity, (mentions, _, _) in counts[outlet].items()}
    rest: Counter[int] = Counter()
    for other, entity_counts in counts.items():
        if other != outlet:
            rest.update({entity: mentions for entity, (mentions, _, _) in entity_counts.items()})
    own_total, rest_total = max(sum(own.values()), 1), max(sum(rest.values()), 1)
    lift = {e: own.get(e, 0) / own_total - rest.get(e, 0) / rest_total for e in set(own) | set(rest)}
    ranked = sorted(lift, key=lambda e: (-lift[e], names.get(e, "")))
    more = [names[e] for e in ranked if lift[e] > 0 and own.get(e, 0) > 1 and e in names][:TOP_NAMES]
    less = [names[e] for e in reversed(ranked) if lift[e] < 0 and rest.get(e, 0) > 1 and e in names][:TOP_NAMES]
    return more, less


def document_labels(db: Path) -> dict[str, str]:
    """Doc id -> the label every table gives it (see `labels`)."""
    with closing(store.connect(db, create=False)) as conn:
        return labels.document_labels(store.document_sources(conn))


def _labelled(
    conn: store.Connection, rows: list[DocumentRow], found: dict[str, str] | None = None
) -> list[DocumentRow]:
    """The rows with their labels and short ids (`found`: the labels, when already computed)."""
    sources = store.document_sources(conn)
    found = found or labels.document_labels(sources)
    short = labels.short_ids([doc_id for doc_id, _ in sources])
    return [row.model_copy(update={"label": found.get(row.id, row.id), "short_id": short[row.id]}) for row in rows]


def document_id(conn: store.Connection, given: str) -> str:
    """The stored document id `given` names: itself, or the one id it begins (as git takes a commit's prefix).

    Raises:
        NoMatch: no id, or several, begin with it (with suggestions).
    """
    ids = store.document_ids(conn)
    if given in ids:
        return given
    starting = [i for i in ids if i.startswith(given)] if given else []
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise NoMatch(f"'{given}' begins {len(starting)} document ids; give more of it", suggestions=starting[:5])
    close = [match for match, _, _ in process.extract(given, ids, scorer=fuzz.WRatio, limit=3)]
    raise NoMatch(f"no document has the id '{given}'", suggestions=close)


def entities(
    db: Path,
    *,
    type_: str | None = None,
    min_sources: int = 1,
    limit: int | None = None,
    only: DocFilter | None = None,
) -> tuple[list[Entity], int]:
    """Canonical entities, most mentioned first (at most `limit`), and how many there are in all;
    with `only`, counted in the articles it lets through."""
    with closing(store.connect(db, create=False)) as conn:
        allowed = _allowed(conn, only)
        if allowed is None:
            found = store.list_entities(conn, type_=type_, min_sources=min_sources, limit=limit)
            total = len(found) if limit is None else store.entity_total(conn, type_=type_, min_sources=min_sources)
            return found, total
        counts = store.entity_counts(conn, allowed)
        listed = store.list_entities(conn, type_=type_, ids=sorted(counts))
        kept = [
            e.model_copy(update=dict(zip(("mentions", "sources", "outlets"), counts[e.id], strict=True)))
            for e in listed
            if counts[e.id][1] >= min_sources
        ]
        kept.sort(key=lambda e: (-e.mentions, e.name, e.id))
        return kept[:limit], len(kept)


def explain(db: Path, name: str, *, type_: str | None = None) -> tuple[Entity, list[str]]:
    """The entity `name` finds (as `compare` finds it), its variants each with why it joined, and the
    names of other entities the query also matched.

    Raises:
        NoMatch: nothing matches `name` (with suggestions).
    """
    with closing(store.connect(db, create=False)) as conn:
        found, others = find_entity(conn, name, type_=type_)
        return found, [e.name for e in others]


def alias_rows(db: Path) -> list[AliasRow]:
    """The user's corrections kept beside the database."""
    rules = aliases.load(aliases.path_for(db))
    return [
        AliasRow(action=action, name=a, other=b)
        for action, pairs in (("merge", rules.merge), ("split", rules.split), ("rename", rules.rename))
        for a, b in pairs
    ]


CONTEXT = 60  # characters each side of a mention, for the table's context column


def mentions(
    db: Path, *, entity: str | None = None, context: bool = False, only: DocFilter | None = None
) -> Iterator[MentionRow]:
    """Stored mentions, optionally of one entity (found as `compare` finds it), in the articles
    `only` lets through; with `context`, each with the words around it.

    The entity and the filter are checked before this returns; the rows then stream.

    Raises:
        NoMatch: `entity` matches no entity, or the filter names no document.
    """
    conn = store.connect(db, create=False)
    try:
        entity_id = find_entity(conn, entity)[0].id if entity else None
        allowed = _allowed(conn, only)
    except BaseException:
        conn.close()
        raise
    one = next(iter(allowed)) if allowed is not None and len(allowed) == 1 else None  # an index lookup
    rows: Iterator[MentionRow] = (
        row for row in store.iter_mentions(conn, entity_id=entity_id, doc_id=one) if _keep(allowed, row.doc)
    )
    return _streamed(conn, _with_context(conn, rows) if context else rows)


def _streamed(conn: store.Connection, rows: Iterator[MentionRow]) -> Iterator[MentionRow]:
    with closing(conn):
        yield from rows


def _with_context(conn: store.Connection, rows: Iterator[MentionRow]) -> Iterator[MentionRow]:
    """Each mention with up to CONTEXT characters of its document's text on either side."""
    text_of: dict[str, str] = {}
    for row in rows:
        if row.doc not in text_of:
            text_of = {row.doc: store.document_text(conn, row.doc)}  # rows come document by document
        text = text_of[row.doc]
        start = max(0, row.start - CONTEXT)
        yield row.model_copy(update={"context": text[start : row.end + CONTEXT], "context_at": row.start - start})


def compare(db: Path, entity: str, *, type_: str | None = None, only: DocFilter | None = None) -> Comparison:
    """How each source covers one entity: coverage, figures and their conflicts, quotes, claims.

    Raises:
        NoMatch: nothing matches `entity` (with suggestions).
    """
    with closing(store.connect(db, create=False)) as conn:
        found, others = find_entity(conn, entity, type_=type_)
        allowed = _allowed(conn, only)
        sources = [s for s in store.coverage(conn, found.id) if _keep(allowed, s.doc)]
        covered = {s.doc for s in sources}
        originals = [d for d in store.document_ids(conn, originals_only=True) if _keep(allowed, d)]
        figures, conflicts, _ = _figures(conn, found.id, allowed)
        quotes = _quotes(conn, entity_id=found.id, allowed=allowed)
        claims = _claims(conn, found.id, allowed=allowed)
        named = covered | {f.doc for f in figures} | {c.doc for q in quotes for c in q.carriers}
        named |= {c.doc for claim in claims for c in claim.carriers}
        named |= {copy for s in sources for copy in s.copies}
        labels_of = labels.document_labels(store.document_sources(conn))
        story_of = store.document_stories(conn)
        sources = [s.model_copy(update={"story": story_of.get(s.doc)}) for s in sources]
        # "not mentioned in": the articles of the stories that name it, not the whole corpus
        told = {story_of.get(d) for d in covered}
        absent = [d for d in originals if d not in covered and story_of.get(d) in told]
        return Comparison(
            entity=found,
            sources=sources,
            absent=absent,
            absent_labels=[labels_of[d] for d in absent],
            stories=_story_coverage(conn, story_of, covered, absent, labels_of, allowed),
            documents=_labelled(conn, store.list_documents(conn, named), labels_of),
            figures=figures,
            conflicts=conflicts,
            quotes=quotes,
            claims=claims,
            other_matches=[f"{o.name} ({o.type})" for o in others],
        )


def _story_coverage(
    conn: store.Connection,
    story_of: dict[str, int],
    covered: set[str],
    absent: list[str],
    labels_of: dict[str, str],
    allowed: set[str] | None,
) -> list[StoryCoverage]:
    """The stories an entity is named in, most articles naming it first."""
    told = {story_of[d] for d in covered if d in story_of}
    found = [
        StoryCoverage(
            id=story.id,
            label=story.label,
            articles=story.articles,
            mentioning=sum(1 for d in story.docs if d in covered),
            absent=[d for d in absent if story_of.get(d) == story.id],
            absent_labels=[labels_of[d] for d in absent if story_of.get(d) == story.id],
        )
        for story in _stories(conn, allowed)
        if story.id in told
    ]
    return sorted(found, key=lambda s: (-s.mentioning, -s.articles, s.id))


def figures(
    db: Path,
    *,
    entity: str | None = None,
    only: Literal["conflicts", "agreements"] | None = None,
    within: DocFilter | None = None,
) -> tuple[list[Figure], list[Conflict], list[Agreement]]:
    """Reported figures (in sentences naming `entity`, if given), where sources disagree, and where they agree.

    With `only`, the figures are those that take part in a conflicting pair, or in an agreement.

    Raises:
        NoMatch: `entity` matches nothing.
    """
    with closing(store.connect(db, create=False)) as conn:
        entity_id = find_entity(conn, entity)[0].id if entity else None
        found, conflicts, agreements = _figures(conn, entity_id, _allowed(conn, within))
    if only == "conflicts":
        found = [f for f in found if f.conflict]
    elif only == "agreements":
        agreeing = {(v.doc, v.text, v.sentence) for a in agreements for v in a.values}
        found = [f for f in found if (f.doc, f.text, f.sentence) in agreeing]
    return found, conflicts, agreements


def _figures(
    conn: store.Connection, entity_id: int | None, allowed: set[str] | None = None
) -> tuple[list[Figure], list[Conflict], list[Agreement]]:
    allowed, story_of = _within_stories(conn, entity_id, allowed)
    found = [f for f in store.figures(conn, entity_id=entity_id) if _keep(allowed, f.doc)]
    # with an entity: the conflicts its figures take part in, with the other sources' values
    related = found if entity_id is None else store.figures(conn, keys={f.key for f in found if f.key})
    related = [f for f in related if _keep(allowed, f.doc)]
    conflicts, agreements = align.compare_figures(related, story_of)
    return align.mark_conflicts(found, conflicts), conflicts, agreements


def quotes(db: Path, *, speaker: str | None = None, only: DocFilter | None = None) -> list[Quote]:
    """Quotations matched across sources; with `speaker`, those credited to that entity or description.

    Raises:
        NoMatch: `speaker` is neither an entity nor a word of any speaker's description.
    """
    with closing(store.connect(db, create=False)) as conn:
        grouped = _quotes(conn, allowed=_allowed(conn, only))
        if speaker is None:
            return grouped
        try:
            name: str | None = find_entity(conn, speaker)[0].name
        except NoMatch:
            name = None
    if name is not None:
        chosen = [q for q in grouped if any(c.speaker == name for c in q.carriers)]
    else:  # a description: "official", "spokesperson"
        words = set(name_key(speaker).split())
        chosen = [q for q in grouped if any(words <= set(name_key(c.speaker or "").split()) for c in q.carriers)]
    if not chosen:
        raise NoMatch(f"no quote is credited to '{speaker}'")
    return chosen


def _quotes(conn: store.Connection, *, entity_id: int | None = None, allowed: set[str] | None = None) -> list[Quote]:
    """All quotes grouped; with `entity_id`, the groups spoken by it or said in a sentence naming it."""
    spoken: set[int] = set()
    if entity_id is None:
        rows = store.quotes(conn)
    else:
        spoken, named = store.quote_groups_of(conn, entity_id)
        rows = store.quotes(conn, groups=spoken | named)
    allowed, story_of = _within_stories(conn, entity_id, allowed)
    members: dict[tuple[int, int | None], list[QuoteRow]] = defaultdict(list)
    for row in rows:  # one quote in two stories is two quotes: each story's carriers
        if _keep(allowed, row.doc):
            members[(row.group, story_of.get(row.doc))].append(row)
    grouped = {key: align.quote_from(rows).model_copy(update={"story": key[1]}) for key, rows in members.items()}
    # with an entity: quotes by it first, then quotes about it
    ranked = sorted(grouped, key=lambda key: (key[0] not in spoken, align.quote_rank(grouped[key])))
    return [grouped[key] for key in ranked]


def claims(
    db: Path, *, entity: str | None = None, disputed_only: bool = False, only: DocFilter | None = None
) -> list[Claim]:
    """Claims aligned across sources (in sentences naming `entity`, if given), disputed first.

    Raises:
        NoMatch: `entity` matches nothing.
    """
    with closing(store.connect(db, create=False)) as conn:
        entity_id = find_entity(conn, entity)[0].id if entity else None
        return _claims(conn, entity_id, disputed_only=disputed_only, allowed=_allowed(conn, only))


def _claims(
    conn: store.Connection, entity_id: int | None, *, disputed_only: bool = False, allowed: set[str] | None = None
) -> list[Claim]:
    if entity_id is None:
        rows = store.claims(conn)
    else:  # the entity's claims, with every source's version of each
        rows = store.claims(conn, keys={(r.predicate, r.object) for r in store.claims(conn, entity_id=entity_id)})
    allowed, story_of = _within_stories(conn, entity_id, allowed)
    rows = [r for r in rows if _keep(allowed, r.doc)]
    origins = store.document_origins(conn, {r.doc for r in rows})
    outlets = dict(store.document_sources(conn))
    return align.align_claims(rows, origins, disputed_only=disputed_only, outlets=outlets, story_of=story_of)


def _within_stories(
    conn: store.Connection, entity_id: int | None, allowed: set[str] | None
) -> tuple[set[str] | None, dict[str, int]]:
    """Each article's story, and `allowed` narrowed (with an entity) to the articles of the
    stories that name it: an entity's figures, quotes and claims are compared there, never with
    another story's that happen to count the same thing or say the same words."""
    story_of = store.document_stories(conn)
    if entity_id is None or not story_of:  # no stories yet (an older database): the whole corpus
        return allowed, story_of
    told = {story_of.get(doc) for doc in store.documents_naming(conn, entity_id)}
    inside = {doc for doc, story in story_of.items() if story in told}
    return (inside if allowed is None else allowed & inside), story_of


def timeline(
    db: Path, *, entity: str | None = None, placed_only: bool = False, only: DocFilter | None = None
) -> list[TimelineEvent]:
    """Dates the sources name, in order, each with the sources that name it (in sentences naming `entity`).

    Dates that could not be placed (relative ones, "last month", in a document with no publication
    date) come last, grouped by their text, unless `placed_only`.

    Raises:
        NoMatch: `entity` matches nothing.
    """
    with closing(store.connect(db, create=False)) as conn:
        entity_id = find_entity(conn, entity)[0].id if entity else None
        return _timeline(conn, entity_id, _allowed(conn, only), placed_only=placed_only)


def _timeline(
    conn: store.Connection, entity_id: int | None, allowed: set[str] | None, *, placed_only: bool
) -> list[TimelineEvent]:
    events: dict[tuple[str, int | None], TimelineEvent] = {}
    story_of = store.document_stories(conn)
    for row in store.dates(conn, entity_id=entity_id):
        if _keep(allowed, row.doc) and (row.value or not placed_only):
            # a placed date groups by its value; an unplaced one by its words ("last month's" = "last month");
            # the same date in two stories is two rows
            key = (row.value or "unplaced: " + re.sub(r"[’']s$", "", row.text.lower()), story_of.get(row.doc))
            event = events.setdefault(
                key, TimelineEvent(date=row.value, precision=row.precision, reports=[], story=key[1])
            )
            event.reports.append(DateReport(doc=row.doc, text=row.text, sentence=row.sentence))
    return list(events.values())


HEATMAP_COLUMNS = 20  # outlets (or articles of no known outlet) the heatmap shows; "other N" sums the rest


def report(db: Path, *, entities: list[str] | None = None, top: int = 15, only: DocFilter | None = None) -> Report:
    """The report's content: the named entities (else the `top` most mentioned) by outlet, the
    sources, and per named entity (else for the whole corpus) the figure conflicts, disputed claims,
    quotes carried by several sources and dates named by several.

    Raises:
        NoMatch: a named entity matches nothing, or the filter names no document.
    """
    with closing(store.connect(db, create=False)) as conn:
        allowed = _allowed(conn, only)
        chosen = [find_entity(conn, name)[0] for name in entities or []]
        chosen = list({e.id: e for e in chosen}.values()) or store.list_entities(conn, limit=top)
        originals = [d for d in store.document_ids(conn, originals_only=True) if _keep(allowed, d)]
        documents = _labelled(conn, store.list_documents(conn, originals))
        columns, heatmap = _heatmap(documents, chosen, store.mention_counts(conn, [e.id for e in chosen]))
        scopes: list[Entity | None] = list(chosen) if entities else [None]
        sections = []
        for scope in scopes:
            entity_id = scope.id if scope else None
            sections.append(
                ReportSection(
                    entity=scope,
                    conflicts=_figures(conn, entity_id, allowed)[1],
                    disputed_claims=_claims(conn, entity_id, disputed_only=True, allowed=allowed),
                    shared_quotes=[q for q in _quotes(conn, entity_id=entity_id, allowed=allowed) if len(q.docs) > 1],
                    timeline=[
                        e
                        for e in _timeline(conn, entity_id, allowed, placed_only=True)
                        if len({r.doc for r in e.reports}) > 1
                    ],
                )
            )
        return Report(documents=documents, columns=columns, heatmap=heatmap, sections=sections)


def _heatmap(
    documents: list[DocumentRow], chosen: list[Entity], counts: dict[int, dict[str, int]]
) -> tuple[list[str], list[HeatmapRow]]:
    """The heatmap's columns (outlets, most mentions first; an article of no known outlet by its
    label; past HEATMAP_COLUMNS the rest summed as "other N") and one row per entity."""
    column_of = {d.id: d.source or d.label for d in documents}
    totals: Counter[str] = Counter(dict.fromkeys(column_of.values(), 0))
    for entity in chosen:
        for doc, n in counts.get(entity.id, {}).items():
            if doc in column_of:
                totals[column_of[doc]] += n
    ranked = [column for column, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    if len(ranked) > HEATMAP_COLUMNS:
        rest = ranked[HEATMAP_COLUMNS - 1 :]
        other = f"other {len(rest)}"
        column_of = {doc: other if column in rest else column for doc, column in column_of.items()}
        ranked = [*ranked[: HEATMAP_COLUMNS - 1], other]
    rows = []
    for entity in chosen:
        row: Counter[str] = Counter()
        for doc, n in counts.get(entity.id, {}).items():
            if doc in column_of:
                row[column_of[doc]] += n
        rows.append(HeatmapRow(entity=entity, counts=dict(row)))
    return ranked, rows


def find_entity(conn: store.Connection, query: str, *, type_: str | None = None) -> tuple[Entity, list[Entity]]:
    """The entity a user means by `query`, and other entities it also matched.

    Matches the canonical name or any variant, ignoring case, accents, titles and "the"; then
    names that contain every word of the query; then misspellings. Among several matches the most mentioned wins.

    Raises:
        NoMatch: nothing is close enough; the message carries up to 5 suggestions.
    """
    key = name_key(query)
    if not set(key.split()) - lexicon.query_stopwords():
        raise NoMatch(f"no entity matches '{query}'", suggestions=[])
    exact = store.entities_named(conn, key)
    index = [] if exact else store.name_index(conn)
    if not exact and key:  # "Blinken" finds "Antony Blinken": every word of the query is in the name
        words = set(key.split())
        exact = {name.entity_id for name in index if words <= set(name.key.split())}
    if not exact and key:
        keys = [name.key for name in index]
        hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MATCH, limit=20)
        exact = {index[i].entity_id for _, _, i in hits}
    candidates = store.list_entities(conn, type_=type_, ids=sorted(exact)) if exact else []
    if not candidates:
        raise NoMatch(f"no entity matches '{query}'", suggestions=_suggestions(key, index or store.name_index(conn)))
    return candidates[0], candidates[1:]


def _suggestions(key: str, index: list[NameKey], limit: int = 5) -> list[str]:
    """Names most like the query, word by word ("blinkenstein" -> "Antony Blinken")."""
    query_words = key.split()
    scored: dict[str, tuple[float, int]] = {}
    for entry in index:
        words = entry.key.split()
        score = max(
            fuzz.ratio(key, entry.key),
            max((fuzz.ratio(q, w) for q in query_words for w in words), default=0),
        )
        if score >= SUGGEST and score > scored.get(entry.name, (0, 0))[0]:
            scored[entry.name] = (score, entry.mentions)
    ranked = sorted(scored.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    return [name for name, _ in ranked[:limit]]
