"""Data shared by every layer: extraction records, query results, ingest reports.

Records are small frozen pydantic models (never spaCy objects), so they pickle across processes
and serialize to JSON as they are.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field

# Bumped when extraction changes what it stores: documents written by an older version are
# extracted again on the next ingest, even when their text is unchanged.
EXTRACTION_VERSION = 11

# NER labels that name things and become entities; numbers, dates and times do not.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")


class Record(BaseModel):
    """Base for every model: immutable, and strict about unknown fields."""

    # defer_build: a command builds the validators of the models it uses, not of all 28 (start-up time)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --- ingest side ------------------------------------------------------------------------


class RemovedLine(Record):
    """A line of page furniture taken out of a document before NER (kept, never lost)."""

    line: int = Field(description="1-based line number in the text as read")
    text: str
    reason: str


class SourceText(Record):
    """One decoded input document, before NLP: its body, what was removed, and its metadata."""

    doc_id: str
    path: str
    text: str = Field(description="the body that NER reads (boilerplate removed unless kept)")
    sha256: str
    encoding: str
    format: Literal["text", "html", "jsonl"] = "text"
    title: str = ""
    source: str = ""
    author: str = ""
    url: str = ""
    published: date | None = None
    options: str = Field(default="", description="ingest options that shaped the text; a change re-ingests")
    removed: list[RemovedLine] = []


class MentionRecord(Record):
    """One entity mention found by NER: character offsets into the stored text."""

    start: int
    end: int
    text: str
    label: str
    sent: int = Field(description="index of the sentence that holds it")
    cue: str = Field(default="", description="the lower-cased word just before it, a hint of its type")


class FigureRecord(Record):
    """A number the text reports: "approximately 2,000 individuals" in "the arrest of ...".

    `counts` says what is counted, for a reader ("arrest: individuals"); `key` is the canonical
    event or noun used to group figures across sources ("arrest").
    """

    start: int
    end: int
    text: str
    value: float
    unit: str = Field(description='"" for a plain count, else USD, days, percent, feet, years old, ...')
    qualifier: str | None
    high: float | None = Field(default=None, description='top of a range: "20 to 30" is 20 and 30')
    counts: str
    key: str
    sent: int


SpeakerKind = Literal["name", "pronoun", "description"]
# a claim's doer: as a speaker, or a pronoun that cannot be resolved to a person ("it", "this")
SubjectKind = Literal["name", "pronoun", "description", "unresolved"]


class QuoteRecord(Record):
    """A direct quotation and who the text says spoke it."""

    start: int = Field(description="offset of the first character inside the quote marks")
    end: int
    text: str
    sent: int
    speaker: str | None = Field(description="the speaker's name, pronoun or description as written")
    speaker_kind: SpeakerKind | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_description: str | None = Field(
        default=None, description="who the named speaker is, as the text says ('a Venezuela expert')"
    )


# "unrealized": an aim or a request ("agreed to end the strike"), stored for its attribution, never aligned
Polarity = Literal["asserted", "negated", "denied", "unrealized"]


class ClaimRecord(Record):
    """One clause's claim: who did what to what, whether the text asserts or denies it, and on whose word."""

    start: int
    end: int
    sent: int
    subject: str = Field(description="the doer as written ('he', 'the Biden administration'), or ''")
    subject_kind: SubjectKind | None = Field(description="how the doer is named; None when no doer is")
    subject_start: int | None
    subject_end: int | None
    predicate: str = Field(description="canonical lemma of the verb, or of the noun after a light verb")
    object: str = Field(description="lemma of the object's head word, or ''")
    statement: str = Field(description="the clause in the source's own words, without its attribution")
    polarity: Polarity
    attribution: str | None = Field(description="who or what the claim is credited to, as written")
    attribution_start: int | None
    attribution_end: int | None
    attribution_vague: bool = Field(description="'reportedly', 'the report', 'people familiar with ...'")


class DateRecord(Record):
    """A date the text names, placed in time where it can be: "July 28" -> 2024-07-28."""

    sent: int
    start: int
    end: int
    text: str
    value: str = Field(description='ISO 8601: "2024-07-28", "2024-07", "2024", "--07-28" (no year); "" unplaced')
    precision: str = Field(description='"day", "month", "year", "monthday", or "" when unplaced')


class DocRecords(Record):
    """Everything extraction returns for one document."""

    sentences: list[tuple[int, int]]
    mentions: list[MentionRecord]
    renames: list[tuple[str, str]] = Field(
        default_factory=list, description="(new name, old name) pairs such as 'X, formerly Twitter'"
    )
    figures: list[FigureRecord] = Field(default_factory=list)
    quotes: list[QuoteRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)


class EntityCluster(Record):
    """What resolution decides for one entity, ready to store."""

    name: str
    type: str
    key: str
    mentions: list[tuple[int, str]] = Field(description="(mention id, cleaned name) pairs")
    variants: list[tuple[str, str, int, str]] = Field(
        description="(name, key, count, why it joined), most frequent first; why is '' for the canonical name"
    )
    note: str = Field(default="", description="why resolution left it apart: 'could be A or B'")
    anchor: str = Field(default="", description="the key of its rules' canonical name: what keeps its id stable")


class AliasRules(Record):
    """A user's corrections: pairs of names that must, or must never, be one entity, and names
    chosen for entities (a name or variant of the entity, its new name)."""

    merge: list[tuple[str, str]] = Field(default_factory=list)
    split: list[tuple[str, str]] = Field(default_factory=list)
    rename: list[tuple[str, str]] = Field(default_factory=list)


class AliasRow(Record):
    """One correction, as `alias list` shows it."""

    action: str
    name: str
    other: str


class InputFailure(Record):
    """An input that could not be ingested, and why."""

    path: str
    reason: str


class IngestReport(Record):
    """The summary of one ingest run."""

    warnings: list[str] = Field(default_factory=list)
    added: int
    replaced: int
    unchanged: int
    relabelled: int = Field(
        default=0, description="documents whose outlet, date or url a sources file or correction changed"
    )
    failed: list[InputFailure]
    words: int
    mentions: int
    entities: int
    stories: int = Field(default=0, description="stories of the whole corpus after this ingest")
    seconds: float
    model: str | None


# --- stored rows -----------------------------------------------------------------------
# Light named tuples for rows read by the thousand (resolution, copies, quote grouping, alignment):
# read by field name, never unpacked by position, and cheaper to build than pydantic models.


class StoredDocument(NamedTuple):
    """What decides whether a stored document must be read again."""

    sha256: str
    path: str
    extraction: int
    options: str


class MentionIn(NamedTuple):
    """What resolution needs to know about one stored mention."""

    id: int
    doc_id: str
    start: int
    text: str
    label: str
    cue: str = ""


class Fingerprint(NamedTuple):
    """A stored document's near-duplicate fingerprint."""

    doc_id: str
    text_hash: str
    minhash: bytes


class StoredQuote(NamedTuple):
    """A stored quote, as quote grouping reads it."""

    rowid: int
    text: str


class NameKey(NamedTuple):
    """One name (canonical or variant) of a stored entity, with its lookup key."""

    entity_id: int
    key: str
    name: str
    mentions: int  # of the entity, to rank suggestions


class QuoteRow(NamedTuple):
    """A stored quote with its group of matching quotes, as alignment reads it."""

    doc: str
    text: str
    speaker: str | None  # resolved entity name, or the description as written
    sentence: str
    group: int  # quotes with one group are one quotation; an ungrouped quote has a group of its own
    named: bool = False  # the speaker is an entity (a name, or "he" resolved), not a description
    description: str | None = None  # who the named speaker is, as the text says


class ClaimRow(NamedTuple):
    """A stored claim, as alignment reads it."""

    doc: str
    subject: str  # the doer as written
    subject_kind: SubjectKind | None
    subject_entity: str | None  # canonical name of the entity the doer is, "he" resolved
    predicate: str
    object: str
    statement: str
    polarity: Polarity
    attribution: str | None
    attribution_entity: str | None  # canonical name of the entity the attribution names
    attribution_vague: bool
    sentence: str


class DateRow(NamedTuple):
    """A date named in a document, placed in time (value "" when it could not be)."""

    value: str
    precision: str
    doc: str
    text: str
    sentence: str


# --- read side --------------------------------------------------------------------------


class Variant(Record):
    """One surface form of an entity and how often it occurs."""

    text: str
    count: int
    reason: str = Field(default="", description="why resolution joined it to the entity ('' for the name itself)")


class Entity(Record):
    """A canonical entity: one real-world person, organization, place, ..."""

    id: int
    name: str
    type: str
    mentions: int
    sources: int = Field(description="articles that mention it, copies not counted")
    outlets: int = Field(default=0, description="distinct known outlets among those articles (0: none known)")
    variants: list[Variant]
    note: str = Field(default="", description="a bare surname comparable people share: 'could be A or B'")

    @property
    def coverage(self) -> str:
        """ "5 outlets (7 articles)" where outlets are known, else "7 articles"."""
        articles = f"{self.sources} article{'s' if self.sources != 1 else ''}"
        if not self.outlets:
            return articles
        return f"{self.outlets} outlet{'s' if self.outlets != 1 else ''} ({articles})"


class DocumentRow(Record):
    """One stored document: metadata, counts, and whether it copies another."""

    id: str
    label: str = Field(default="", description="how every table names it: the outlet, or a short distinctive id")
    short_id: str = Field(default="", description="the shortest start of the id no other document's shares")
    title: str
    source: str
    published: date | None
    url: str
    author: str
    format: str
    encoding: str
    words: int
    mentions: int
    removed_lines: int
    copy_of: str | None = Field(description="the original this document copies, if it is a copy")
    copy_similarity: float | None
    copy_exact: bool | None
    path: str
    story: int | None = Field(default=None, description="the story it tells, as `stories` lists it")
    copies: list[str] = Field(default_factory=list, description="documents that copy this one")


class DocFilter(Record):
    """Which articles a read command looks at: outlets, a publication date range, document ids.

    Empty fields do not filter; an article must pass every field that is set."""

    sources: list[str] = Field(default_factory=list, description="outlets (any of them), as `docs` shows them")
    since: date | None = None
    until: date | None = None
    docs: list[str] = Field(default_factory=list, description="document ids or their starts (any of them)")
    stories: list[int] = Field(default_factory=list, description="story ids, as `stories` lists them (any of them)")


class OutletSummary(Record):
    """One outlet's part of the corpus, and what sets it apart from the others."""

    outlet: str = Field(description="as `docs` shows it; '' for the articles whose outlet is unknown")
    articles: int
    words: int
    first: date | None = Field(description="the earliest publication date among its articles")
    last: date | None
    names_more: list[str] = Field(description="entities it names most compared with the other outlets")
    names_less: list[str] = Field(description="entities the other outlets name most that it names least or never")
    quotes: int = Field(description="quotations it carries")
    shared_quotes: int = Field(description="of those, carried by another outlet too")
    asserts: int = Field(description="claims carried by several sources that it asserts")
    denies: int = Field(description="claims carried by several sources that it denies or negates")
    disputes: int = Field(description="disputed claims it takes a side in")
    figures_only: list[str] = Field(description="what the figures only it reports count (a figure: its text)")


class SearchHit(Record):
    """One sentence of a stored article that matches a search, with its neighbours."""

    doc: str
    source: str
    published: date | None
    sentence: int = Field(description="the sentence's index in the document")
    start: int = Field(description="where the sentence starts in the stored text (`docs --show-text`)")
    end: int
    text: str
    matches: list[tuple[int, int]] = Field(description="(start, end) of each matching word, in `text`")
    before: list[str] = Field(default_factory=list, description="the sentences before it (search -C N)")
    after: list[str] = Field(default_factory=list, description="the sentences after it")


class MentionRow(Record):
    """One stored mention with the entity it was resolved to."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    entity_id: int | None
    entity_name: str | None
    context: str = Field(default="", exclude=True, description="the words around it, for a table (not in JSON)")
    context_at: int = Field(default=0, exclude=True, description="where `text` starts in `context`")


class SourceCoverage(Record):
    """How one source covers an entity."""

    doc: str
    source: str
    title: str
    published: date | None
    copies: list[str] = Field(default_factory=list, description="documents that copy this one, counted once")
    mentions: int
    variants: list[Variant]
    first_sentence: str
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")


def short_id(*parts: str) -> str:
    """A stable 7-character id for a row computed at query time (a conflict, a quote, a claim): the
    same corpus gives the same ids, and `show` takes any unique start of one, as git takes hashes."""
    words = " ".join(re.sub(r"\W+", " ", part.casefold()).strip() for part in parts)
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:7]


def _story_part(story: int | None) -> tuple[str, ...]:
    """What a row's id takes of its story: one conflict or quote in two stories is two rows."""
    return () if story is None else (f"story {story}",)


class Figure(Record):
    """One reported figure, with the sentence it came from."""

    doc: str
    text: str
    value: float
    unit: str
    qualifier: str | None
    high: float | None = None
    counts: str
    key: str = Field(description="what the figure counts, as grouped across sources")
    sentence: str
    at: int = Field(default=0, description="where `text` starts in `sentence`")
    conflict: bool = Field(default=False, description="another source gives a value for it that cannot also be true")


class ConflictValue(Record):
    """One source's value in a figure conflict or agreement."""

    doc: str
    value: float
    unit: str = ""
    qualifier: str | None
    high: float | None = None
    text: str
    sentence: str
    at: int = Field(default=0, description="where `text` starts in `sentence`")


class Conflict(Record):
    """Values for one counted thing from several sources; `pairs` name the values that cannot both be true."""

    counts: str
    unit: str
    values: list[ConflictValue]
    pairs: list[tuple[int, int]] = Field(
        default_factory=list, description="index pairs into `values`: two sources' values that cannot both be true"
    )
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """What `figures show ID` takes."""
        return short_id("conflict", self.counts, self.unit, *_story_part(self.story))


class Agreement(Record):
    """Values for one counted thing on which several sources agree (every two can both be true)."""

    counts: str
    unit: str
    values: list[ConflictValue]
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")


class QuoteCarrier(Record):
    """One document's copy of a quote."""

    doc: str
    text: str
    speaker: str | None
    speaker_description: str | None = None
    sentence: str


class Quote(Record):
    """A quotation, matched across the documents that carry it."""

    text: str
    speaker: str | None
    speaker_description: str | None = Field(
        default=None, description="who the speaker is, as a carrier says ('a Venezuela expert')"
    )
    docs: list[str]
    speakers_differ: bool = Field(description="the carriers credit it to different speakers")
    carriers: list[QuoteCarrier]
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """What `quotes show ID` takes."""
        return short_id("quote", self.text, *_story_part(self.story))


class ClaimCarrier(Record):
    """One document's statement of a claim."""

    doc: str
    polarity: Polarity
    statement: str
    attribution: str | None
    origin: str | None = Field(description="the report or person this source rests the claim on")
    sentence: str


class Claim(Record):
    """A claim aligned across sources: who asserts it, who denies it, and on whose word."""

    statement: str
    predicate: str = Field(description="the canonical predicate the sources were aligned on")
    object: str
    asserted_by: list[str]
    denied_by: list[str] = Field(description="sources that deny or negate it while another asserts it (a dispute)")
    negated_by: list[str] = Field(
        default_factory=list, description="sources that negate or deny it when no source asserts it (one side only)"
    )
    origins: dict[str, str | None]
    summary: str = Field(description='"asserted by 3 sources on 1 origin (...); denied by 2 (...)"')
    carriers: list[ClaimCarrier]
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def disputed(self) -> bool:
        """Some sources assert it and others deny it."""
        return bool(self.asserted_by and self.denied_by)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """What `claims show ID` takes."""
        return short_id("claim", self.predicate, self.object, self.statement, *_story_part(self.story))


class DateReport(Record):
    """One document's mention of a date, in its sentence."""

    doc: str
    text: str
    sentence: str


class TimelineEvent(Record):
    """A date the sources name, placed in time, with each source's sentence (`timeline`)."""

    date: str = Field(description='ISO 8601: "2024-07-28", "2024-07", "2024", "--07-28" (no year); "" unplaced')
    precision: str = Field(description='"day", "month", "year", "monthday", or "" when not placed')
    reports: list[DateReport]
    story: int | None = Field(default=None, description="the story its sources tell, as `stories` lists it")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def docs(self) -> list[str]:
        """The documents that name this date, each once."""
        return list(dict.fromkeys(r.doc for r in self.reports))


class Story(Record):
    """A story: the articles about one event (`stories`)."""

    id: int
    label: str = Field(description="the names and words most of its articles give and few others do")
    articles: int
    outlets: int = Field(description="known outlets among its articles")
    first: date | None = Field(description="the earliest publication date of its articles")
    last: date | None
    docs: list[str]
    documents: list[DocumentRow] = Field(default_factory=list, description="its articles (`stories show`)")


class StoryCoverage(Record):
    """How one story covers an entity (`compare` on a corpus of several stories)."""

    id: int
    label: str
    articles: int
    mentioning: int = Field(description="its articles that name the entity")
    absent: list[str] = Field(description="its articles that do not name the entity")
    absent_labels: list[str]


class Comparison(Record):
    """The cross-source view of one entity (`compare`)."""

    entity: Entity
    sources: list[SourceCoverage]
    absent: list[str]
    documents: list[DocumentRow] = Field(default_factory=list, description="metadata of every document named")
    absent_labels: list[str] = Field(default_factory=list, description="the labels of the `absent` documents")
    figures: list[Figure] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    stories: list[StoryCoverage] = Field(
        default_factory=list, description="the stories naming it, most articles naming it first"
    )
    other_matches: list[str] = Field(default_factory=list, exclude=True, description="other entities the query matched")


class HeatmapRow(Record):
    """One entity's mentions in each column of the heatmap (an outlet, or an article of no known outlet)."""

    entity: Entity
    counts: dict[str, int] = Field(description="column -> mentions")


class ReportSection(Record):
    """What the report shows about one named entity, or (entity None) about the whole corpus."""

    entity: Entity | None
    conflicts: list[Conflict]
    disputed_claims: list[Claim]
    shared_quotes: list[Quote] = Field(description="quotes carried by two sources or more")
    timeline: list[TimelineEvent] = Field(description="placed dates named by two sources or more")


class Report(Record):
    """What `newscorpus report` shows: coverage of the top entities by outlet, the sources, and per
    named entity (or for the corpus) the disagreements."""

    documents: list[DocumentRow] = Field(description="the sources, as the legend lists them")
    columns: list[str] = Field(description="the heatmap's columns: outlets, or labels; 'other N' sums the rest")
    heatmap: list[HeatmapRow]
    sections: list[ReportSection]
