"""Data shared by every layer: extraction records, query results, ingest reports.

Records are small frozen pydantic models (never spaCy objects), so they pickle across processes
and serialize to JSON as they are.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# NER labels that name things and become entities; numbers, dates and times do not.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")


class Record(BaseModel):
    """Base for every model: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- ingest side ------------------------------------------------------------------------


class SourceText(Record):
    """One decoded input document, before NLP."""

    doc_id: str
    path: str
    text: str
    sha256: str
    encoding: str


class MentionRecord(Record):
    """One entity mention found by NER: character offsets into the stored text."""

    start: int
    end: int
    text: str
    label: str
    sent: int = Field(description="index of the sentence that holds it")
    cue: str = Field(default="", description="the lower-cased word just before it, a hint of its type")


class DocRecords(Record):
    """Everything extraction returns for one document."""

    sentences: list[tuple[int, int]]
    mentions: list[MentionRecord]
    renames: list[tuple[str, str]] = Field(
        default_factory=list, description="(new name, old name) pairs such as 'X, formerly Twitter'"
    )


class EntityCluster(Record):
    """What resolution decides for one entity, ready to store."""

    name: str
    type: str
    key: str
    mentions: list[tuple[int, str]] = Field(description="(mention id, cleaned name) pairs")
    variants: list[tuple[str, str, int]] = Field(description="(name, key, count), most frequent first")


class AliasRules(Record):
    """A user's corrections: pairs of names that must, or must never, be one entity."""

    merge: list[tuple[str, str]] = Field(default_factory=list)
    split: list[tuple[str, str]] = Field(default_factory=list)


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
    failed: list[InputFailure]
    words: int
    mentions: int
    entities: int
    seconds: float
    model: str | None


# --- read side --------------------------------------------------------------------------


class Variant(Record):
    """One surface form of an entity and how often it occurs."""

    text: str
    count: int


class Entity(Record):
    """A canonical entity: one real-world person, organization, place, ..."""

    id: int
    name: str
    type: str
    mentions: int
    sources: int
    variants: list[Variant]


class DocumentRow(Record):
    """One stored document."""

    id: str
    title: str
    words: int
    mentions: int


class MentionRow(Record):
    """One stored mention with the entity it was resolved to."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    entity_id: int | None
    entity_name: str | None


class SourceCoverage(Record):
    """How one source covers an entity."""

    doc: str
    title: str
    mentions: int
    variants: list[Variant]
    first_sentence: str


class Comparison(Record):
    """The cross-source view of one entity (`compare`)."""

    entity: Entity
    sources: list[SourceCoverage]
    absent: list[str]
    figures: list[dict[str, object]] = Field(default_factory=list)
    conflicts: list[dict[str, object]] = Field(default_factory=list)
    quotes: list[dict[str, object]] = Field(default_factory=list)
    claims: list[dict[str, object]] = Field(default_factory=list)
    other_matches: list[str] = Field(default_factory=list, exclude=True, description="other entities the query matched")
