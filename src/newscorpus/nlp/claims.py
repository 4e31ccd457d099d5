"""Claims from a parsed spaCy Doc: who did what to what, asserted or denied, on whose word.

Each content verb with an object is a claim, its predicate and object reduced to lemmas so
sources can be aligned ("offered amnesty" = "made any offers of amnesty" = "no amnesty offers
have been made"). Polarity: negated by the text itself ("has not offered", "no ... offers"), or
denied by someone ("denied a report ... claiming that ... offered", "rejected rumors of ...").
Attribution: "according to X", "X said ...", "as reported by X", "reportedly", the speaker of the
quote the clause sits in, or the one who denies.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from newscorpus.models import ClaimRecord, Polarity, QuoteRecord, SubjectKind
from newscorpus.nlp.spans import CACHE_PREFIX, entities, entity_at, subject_of, text_at, who
from newscorpus.text import lexicon
from newscorpus.text.normalize import squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
NEGATING_DETERMINERS = frozenset({"no", "neither"})
# modals of what might be; "will"/"wo(n't)", "can"/"ca(n't)" and "must" say what is, and are kept
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "'d"})
FIRST_PERSON = frozenset({"i", "we"})
IMPLICATIVE = frozenset({"manage", "begin", "start", "continue", "proceed"})  # "managed to X": X happened
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone"})
# a clause's dependents that are not part of what it states
CLAUSE_SIDE_DEPS = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "mark", "intj", "dep", "meta", "preconj"})
NOUN_SIDE_DEPS = frozenset({"relcl", "appos", "acl"})
_QUESTIONS = CACHE_PREFIX + "questions"  # Doc.user_data cache, dropped by spans.forget_caches
QUOTE_MARKS = frozenset("\"\u201c\u201d\u2018\u2019'")
STATEMENT_WORDS = 40


class Attribution(NamedTuple):
    text: str
    start: int
    end: int
    vague: bool


def claims(doc: Doc, text: str, sent_of_token: list[int], quotes: list[QuoteRecord]) -> list[ClaimRecord]:
    """Every claim in `doc`; `quotes` are its quotations (a claim inside one is credited to the speaker)."""
    denials: dict[int, Attribution | None] = {}  # verb index -> who denies the clause it heads
    found: list[ClaimRecord] = []
    cue_words = _cue_words()
    for token in doc:
        if token.lemma_.lower() not in cue_words:  # most words: skip the checks below
            continue
        if _is_denial_verb(token):
            denier = _subject_attribution(doc, token)
            for clause in _denied_clauses(token):
                denials[clause.i] = denier
            found.extend(_denied_nominals(doc, text, token, denier, sent_of_token))
        elif (cue := _falsity_cue(doc, token, quotes)) is not None:
            clauses, denier = cue
            denials.update(dict.fromkeys((c.i for c in clauses), denier))
    for verb in doc:
        # a gerund after a preposition ("in exchange for giving up power", "the possibility of not
        # pursuing") describes a condition or an option, not something the source says happened
        if verb.pos_ != "VERB" or verb.dep_ == "pcomp" or _is_reporting(verb):
            continue
        predicate, obj = _predicate(verb)
        # "did it", "said what": a pronoun object says nothing another source could confirm or deny
        if obj is None or (obj.pos_ == "PRON" and obj.lower_ not in NEGATIVE_PRONOUNS) or obj.tag_ in ("WP", "WDT"):
            continue
        if _hypothetical(verb):
            continue
        polarity: Polarity
        if verb.i in denials:
            polarity, attribution = "denied", denials[verb.i]
        elif _aim(verb):
            polarity, attribution = "unrealized", _attribution(doc, verb, quotes)
        else:
            polarity = "negated" if _negated(verb, obj) else "asserted"
            attribution = _attribution(doc, verb, quotes)
        found.append(_record(doc, text, verb, predicate, obj, polarity, attribution, sent_of_token, quotes))
    return sorted(found, key=lambda c: (c.start, c.predicate))


def _record(
    doc: Doc,
    text: str,
    verb: Token,
    predicate: str,
    obj: Token,
    polarity: Polarity,
    attribution: Attribution | None,
    sent_of_token: list[int],
    quotes: list[QuoteRecord],
) -> ClaimRecord:
    subject = subject_of(verb)
    if verb.dep_ == "ccomp" and subject is not None and subject.head.i != verb.i:
        subject = None  # "X said [... did not point the gun]": the sayer is not the doer
    if subject is not None and subject.dep_ == "nsubjpass":  # "no offers have been made": no doer named
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)  # "... closed by the mayor"
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":  # "figures who face ..."
        subject = verb.head
    kind, subject_start, subject_end = _doer(doc, subject, quotes)
    left, right = verb.left_edge, verb.right_edge
    return ClaimRecord(
        start=left.idx,
        end=right.idx + len(right),
        sent=sent_of_token[verb.i],
        subject=_phrase(doc, subject) if subject is not None else "",
        subject_kind=kind,
        subject_start=subject_start,
        subject_end=subject_end,
        predicate=predicate,
        object=" ".join(filter(None, (_object_key(doc, obj), _charge(verb)))),
        statement=_clause_text(verb, subject),
        polarity=polarity,
        attribution=squash(text[attribution.start : attribution.end]) if attribution else None,
        attribution_start=attribution.start if attribution else None,
        attribution_end=attribution.end if attribution else None,
        attribution_vague=attribution.vague if attribution else False,
    )


def _doer(
    doc: Doc, subject: Token | None, quotes: list[QuoteRecord]
) -> tuple[SubjectKind | None, int | None, int | None]:
    """How a claim's subject is named, and where: a name, "he"/"she" (resolved later), a description;
    "I" or "we" in a quotation is its speaker ("We have made no offers," an official said)."""
    if subject is None:
        return None, None, None
    if subject.lower_ in FIRST_PERSON:
        quote = next((q for q in quotes if q.start <= subject.idx < q.end and q.speaker_kind is not None), None)
        if quote is not None:
            return quote.speaker_kind, quote.speaker_start, quote.speaker_end
    found = who(doc, subject)  # "he" and "she" come back as the person they stand for
    if found is not None and found[0] != "pronoun":
        return found
    if found is not None or subject.pos_ == "PRON":  # "it", "they", "some": no one a reader can pin down
        return "unresolved", subject.idx, subject.idx + len(subject)
    return None, None, None


def _clause_text(verb: Token, subject: Token | None) -> str:
    """The clause as the source words it, without side clauses, conjuncts or attribution.

    "Rahman, who beat Lewis in 2001, barely landed a punch as Klitschko dominated" ->
    "Rahman barely landed a punch".
    """
    words = _pruned(verb, CLAUSE_SIDE_DEPS)
    if subject is not None and not verb.left_edge.i <= subject.i <= verb.right_edge.i:
        words += _pruned(subject, CLAUSE_SIDE_DEPS | NOUN_SIDE_DEPS)  # a conjunct's or relative clause's doer
    if verb.dep_ == "relcl":  # "Rahman, who beat Lewis": the relative pronoun stands for Rahman
        words = [t for t in words if not (t.head.i == verb.i and t.tag_ in ("WP", "WDT"))]
    ordered = sorted(set(words), key=lambda t: t.i)[:STATEMENT_WORDS]
    # "that he left", "(managed) to close the bridge": the clause, not what links it
    ordered = [t for t in ordered if not (t.head.i == verb.i and (t.dep_ == "mark" or t.tag_ == "TO"))] or ordered
    parts = []
    for token, after in zip(ordered, [*ordered[1:], None], strict=True):
        if token.text in QUOTE_MARKS:
            continue
        gap = after is not None and after.i != token.i + 1  # words left out between: keep a space
        parts.append(token.text + (" " if gap and not token.whitespace_ else token.whitespace_))
    return squash("".join(parts)).strip(" ,;:-\u2014")


def _pruned(token: Token, side: frozenset[str]) -> list[Token]:
    """`token` and its subtree, leaving out the dependents in `side` (and their subtrees) below it."""
    words = [token]
    for child in token.children:
        if child.dep_ in side or _is_attribution(child):
            continue
        if child.dep_ == "nsubj" or child.dep_ == "nsubjpass":
            words += _pruned(child, side | NOUN_SIDE_DEPS)
        else:
            words += _pruned(child, side)
    return words


def _is_attribution(token: Token) -> bool:
    """ "according to X", "reportedly", "as reported by X": who says it, not what is said."""
    return (
        (token.dep_ == "prep" and token.lemma_.lower() == "accord")
        or (token.dep_ == "advmod" and token.lower_ in lexicon.hedges())
        or (token.dep_ == "advcl" and token.lemma_.lower() == "report")
    )


def _is_denial_verb(token: Token) -> bool:
    """ "denied", "ruled out"; not "did not dispute", which denies nothing."""
    if token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children):
        return False
    return _phrasal_lemma(token) in lexicon.denial_verbs()


def _phrasal_lemma(verb: Token) -> str:
    """ "rule out" for "ruled out", else the lemma."""
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def _falsity_cue(doc: Doc, token: Token, quotes: list[QuoteRecord]) -> tuple[list[Token], Attribution | None] | None:
    """Clauses the text calls false other than by a denial verb, and on whose word.

    "the claim that ... is false", "it is not true that ...", "they do not believe (that) ...",
    "there is no evidence that ...".
    """
    cues = lexicon.denial_cues()
    lemma = token.lemma_.lower()
    if token.dep_ == "acomp" and token.pos_ == "ADJ":
        copula = token.head
        negated = any(c.dep_ == "neg" for c in (*copula.children, *token.children))
        if not (lemma in cues["falsity"] and not negated) and not (lemma in cues["truth"] and negated):
            return None
        clauses = [c for c in copula.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        for subject in (c for c in copula.children if c.dep_ == "nsubj"):
            if subject.lemma_.lower() in lexicon.report_nouns():
                clauses += _reported_clauses(subject)
        return (clauses, _attribution(doc, copula, quotes)) if clauses else None
    if token.pos_ == "VERB" and lemma in cues["doubt"] and any(c.dep_ == "neg" for c in token.children):
        clauses = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        return (clauses, _subject_attribution(doc, token)) if clauses else None
    if (
        token.pos_ == "NOUN"
        and lemma in cues["absence"]
        and any(c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for c in token.children)
    ):
        clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp") and c.pos_ == "VERB"]
        return (clauses, _attribution(doc, token.head, quotes)) if clauses else None
    return None


def _is_reporting(verb: Token) -> bool:
    """Speech and denial verbs attribute other claims; they are not claims themselves."""
    lemma = verb.lemma_.lower()
    return lemma in lexicon.speech_verbs() or _phrasal_lemma(verb) in lexicon.denial_verbs() or lemma == "cite"


def _predicate(verb: Token) -> tuple[str, Token | None]:
    """(canonical predicate, object token): "made offers of amnesty" -> ("offer", amnesty)."""
    # "offered the president amnesty": of two objects the second is the thing given
    obj = next((c for c in reversed(list(verb.children)) if c.dep_ == "dobj"), None)
    if obj is None:  # passive: "no amnesty offers have been made"
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if obj is None:
        return "", None
    lemma = verb.lemma_.lower()
    if lemma in lexicon.light_verbs() and obj.pos_ == "NOUN":
        inner = _noun_object(obj)
        return lexicon.event(obj.lemma_.lower()), inner
    return lexicon.event(lemma), obj


def _noun_object(noun: Token) -> Token | None:
    """What a nominal predicate is about: "offers [of amnesty]", "[amnesty] offers", "a ban [on] X"."""
    compound = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
    return _prep_object(noun, ("of",)) or compound or _prep_object(noun, ("for", "on", "to"))


def _prep_object(noun: Token, preps: tuple[str, ...]) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _charge(verb: Token) -> str:
    """What the object is charged with or accused of: "charged Stone [with lying]" is not "charged Stone
    [with conspiring]", so "does not charge him with conspiring" does not deny "charged him"."""
    for child in verb.children:
        # "with conspiring", "of fraud"; not "with a knife", which says how, not what of
        if child.dep_ == "prep" and child.lower_ in ("with", "of"):
            kinds = ("pobj", "pcomp") if child.lower_ == "of" else ("pcomp",)
            complement = next((c for c in child.children if c.dep_ in kinds), None)
            if complement is not None:
                return complement.lemma_.lower()
    return ""


def _object_key(doc: Doc, obj: Token) -> str:
    """The object's name or lemma; people counted or denied as the undergoer ("12 were killed",
    "no one was killed", "two protesters were hurt") are all "people"."""
    if obj.dep_ == "nsubjpass" and (
        obj.like_num or obj.lower_ in NEGATIVE_PRONOUNS or obj.lower_ == "one" or obj.lemma_ in lexicon.people_nouns()
    ):
        return "people"
    entity = entity_at(doc, obj)
    return entity.text.lower() if entity is not None else obj.lemma_.lower()


def _phrase(doc: Doc, token: Token) -> str:
    """A noun's words without determiners: "the Biden administration" -> "Biden administration"."""
    entity = entity_at(doc, token)
    if entity is not None:
        words = [t for t in entity if t.dep_ != "det"]
    else:
        words = [t for t in doc[token.left_edge.i : token.i + 1] if t.dep_ not in ("det", "punct", "poss", "case")]
    return " ".join(t.text for t in words)


def _hypothetical(verb: Token) -> bool:
    """A clause that says what might, would or could be, or asks: not a claim anyone asserts or denies.

    "we wouldn't have 355 damaged shops", "if it had stopped them", "could face charges", "did he
    have a gun?"; but "will" and "must" are kept ("will not seek re-election" says something).
    """
    if any(c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children if c.dep_ == "aux"):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    return verb.i in _in_questions(verb.doc)


def _in_questions(doc: Doc) -> frozenset[int]:
    """Indices of the tokens in sentences that end with a question mark, once per document."""
    found = doc.user_data.get(_QUESTIONS)
    if found is None:
        asking = (s for s in doc.sents if s[-1].text == "?" or (len(s) > 1 and s[-2].text == "?"))
        found = doc.user_data[_QUESTIONS] = frozenset(i for s in asking for i in range(s.start, s.end))
    return found


@cache
def _cue_words() -> frozenset[str]:
    """Every lemma that can start a denial: a denial verb's first word or a denial cue."""
    verbs = {phrase.split()[0] for phrase in lexicon.denial_verbs()}
    return frozenset(verbs.union(*lexicon.denial_cues().values()))


def _aim(verb: Token) -> bool:
    """ "agreed to end the strike", "calls to impose a curfew", "an effort to persuade him": an aim,
    not a deed; but "managed to", "began to" say it was done."""
    return (
        any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and verb.head.lemma_.lower() not in IMPLICATIVE
    )


def _negated(verb: Token, obj: Token) -> bool:
    """ "has not offered", "never offered", "no offers have been made", "made no offer", "no one was hurt"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    nouns = [obj, obj.head] if obj.head.i != verb.i else [obj]
    nouns += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return any(_negative(noun) for noun in nouns)


def _negative(noun: Token) -> bool:
    """ "no offers", "nobody", "none"; but not "no choice but to", "nothing but", which assert."""
    if any(c.lower_ in ("but", "except") for c in noun.children):
        return False
    if noun.lower_ in NEGATIVE_PRONOUNS:
        return True
    return any(c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for c in noun.children)


def _denied_clauses(denial: Token) -> list[Token]:
    """Verbs whose clause a denial covers: "denied [that it offered]", "denied a report [claiming it offered]"."""
    covered = []
    for child in denial.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ == "VERB":
            covered += [child, *child.conjuncts]
        elif child.dep_ == "dobj" and child.lemma_.lower() in lexicon.report_nouns():
            covered += _reported_clauses(child)
        elif child.dep_ == "advcl" and _is_reporting(child):  # "denied a report, claiming that ..." as parsed
            covered += [c for c in child.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
    return covered


def _reported_clauses(noun: Token) -> list[Token]:
    """The clauses a report noun carries: "a report [that X offered]", "a report claiming [X offered]"."""
    found = []
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.pos_ == "VERB":
            if _is_reporting(child):  # "claiming that ..."
                found += [c for c in child.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
            else:
                found.append(child)
    return found + [c for verb in found for c in verb.conjuncts]


def _denied_nominals(
    doc: Doc, text: str, denial: Token, denier: Attribution | None, sent_of_token: list[int]
) -> list[ClaimRecord]:
    """ "rejected rumors of amnesty offers", "denied the offer": a denied claim with no verb of its own."""
    found = []
    for obj in (c for c in denial.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
        # "rejected calls for a ceasefire" turns down a request; "denied any offer" denies one was made
        if obj.lemma_.lower() in lexicon.denial_cues()["request"] and denial.lemma_.lower() != "deny":
            continue
        noun: Token | None = obj
        if obj.lemma_.lower() in lexicon.report_nouns():
            if _reported_clauses(obj):
                continue  # a clause: handled as a denied clause
            noun = _noun_object(obj)
        about = _noun_object(noun) if noun is not None else None
        if noun is None or about is None:
            continue
        predicate = lexicon.event(noun.lemma_.lower())
        record = _record(doc, text, denial, predicate, about, "denied", denier, sent_of_token, [])
        statement = _clause_text(noun, None)  # "proposed amnesty agreements": no verb, no doer named
        update = {"subject": "", "subject_kind": None, "subject_start": None, "subject_end": None}
        found.append(record.model_copy(update={**update, "statement": statement}))
    return found


def _subject_attribution(doc: Doc, verb: Token) -> Attribution | None:
    subject = subject_of(verb)
    return _as_attribution(doc, subject) if subject is not None else None


def _as_attribution(doc: Doc, token: Token) -> Attribution | None:
    found = who(doc, token)
    if found is None:
        return None
    kind, start, end = found
    named = kind == "name" or any(
        e.start_char >= start and e.end_char <= end and e.label_ in NAMED_LABELS for e in entities(doc)
    )
    # "people familiar with the matter", "the report": no one a reader could check
    head = token.lemma_.lower()
    vague = not named and (head in lexicon.vague_sources() or head in lexicon.report_nouns())
    return Attribution(text_at(doc, start, end), start, end, vague)


def _attribution(doc: Doc, verb: Token, quotes: list[QuoteRecord]) -> Attribution | None:
    """Who the text credits a clause to, looking from the clause up to its sentence's root."""
    current = verb
    while True:
        for child in current.children:
            if (found := _credited_by(doc, child)) is not None:
                return found
        head = current.head
        if current.dep_ == "ccomp" and _is_reporting(head):  # "X said (that) ..."
            return _subject_attribution(doc, head)
        if head.i == current.i:  # the sentence's root: its attribution covers every clause in it
            break
        current = head
    inside = next((q for q in quotes if q.start <= verb.idx < q.end and q.speaker_start is not None), None)
    if inside is not None and inside.speaker_start is not None and inside.speaker_end is not None:
        return Attribution(inside.speaker or "", inside.speaker_start, inside.speaker_end, False)
    return None


def _credited_by(doc: Doc, child: Token) -> Attribution | None:
    """The attribution a clause's dependent makes, if it is one: "according to X", "reportedly", ..."""
    if child.dep_ == "prep" and child.lemma_.lower() == "accord":  # "according to X"
        to = next((c for c in child.children if c.dep_ == "prep"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return _as_attribution(doc, pobj) if pobj is not None else None
    if child.dep_ == "advmod" and child.lower_ in lexicon.hedges():  # "reportedly"
        return Attribution(child.text, child.idx, child.idx + len(child), True)
    if child.dep_ == "advcl" and child.lemma_.lower() == "report":  # "as reported by X"
        agent = next((c for c in child.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return _as_attribution(doc, pobj) if pobj is not None else None
    # "..., reported The Wall Street Journal"
    if child.dep_ == "conj" and child.lemma_.lower() in lexicon.inverted_report_verbs():
        source = next((c for c in child.children if c.dep_ in ("nsubj", "dobj") and c.i > child.i), None)
        return _as_attribution(doc, source) if source is not None else None
    return None
