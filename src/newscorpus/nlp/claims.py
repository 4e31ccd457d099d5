"""Claims from a parsed spaCy Doc: who did what to what, asserted or denied, on whose word.

Each content verb with an object is a claim, its predicate and object reduced to lemmas so
sources can be aligned ("offered amnesty" = "made any offers of amnesty" = "no amnesty offers
have been made"). Polarity: negated by the text itself ("has not offered", "no ... offers"), or
denied by someone ("denied a report ... claiming that ... offered", "rejected rumors of ...").
Attribution: "according to X", "X said ...", "as reported by X", "reportedly", the speaker of the
quote the clause sits in, or the one who denies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newscorpus.models import ClaimRecord, Polarity, QuoteRecord
from newscorpus.nlp.spans import entity_at, subject_of, who
from newscorpus.text import lexicon
from newscorpus.text.normalize import squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
NEGATING_DETERMINERS = frozenset({"no", "neither"})
# modals of what might be; "will"/"wo(n't)", "can"/"ca(n't)" and "must" say what is, and are kept
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "'d"})


class Attribution(NamedTuple):
    text: str
    start: int
    end: int
    vague: bool


def claims(doc: Doc, text: str, sent_of_token: list[int], quotes: list[QuoteRecord]) -> list[ClaimRecord]:
    """Every claim in `doc`; `quotes` are its quotations (a claim inside one is credited to the speaker)."""
    denials: dict[int, Attribution | None] = {}  # verb index -> who denies the clause it heads
    found: list[ClaimRecord] = []
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.denial_verbs():
            denier = _subject_attribution(doc, token)
            for clause in _denied_clauses(token):
                denials[clause.i] = denier
            found.extend(_denied_nominals(doc, text, token, denier, sent_of_token))
    for verb in doc:
        # a gerund after a preposition ("in exchange for giving up power", "the possibility of not
        # pursuing") describes a condition or an option, not something the source says happened
        if verb.pos_ != "VERB" or _is_reporting(verb) or verb.dep_ == "pcomp" or _hypothetical(verb):
            continue
        predicate, obj = _predicate(verb)
        # "did it", "said what": a pronoun object says nothing another source could confirm or deny
        if obj is None or obj.pos_ == "PRON" or obj.tag_ in ("WP", "WDT"):
            continue
        polarity: Polarity
        if verb.i in denials:
            polarity, attribution = "denied", denials[verb.i]
        else:
            polarity = "negated" if _negated(verb, obj) else "asserted"
            attribution = _attribution(doc, verb, quotes)
        found.append(_record(doc, text, verb, predicate, obj, polarity, attribution, sent_of_token))
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
) -> ClaimRecord:
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubjpass":  # "no offers have been made": no doer named
        subject = None
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":  # "figures who face ..."
        subject = verb.head
    subject_text = _phrase(doc, subject) if subject is not None else ""
    recipient = _recipient(doc, verb)
    statement = " ".join(p for p in (subject_text, predicate, _object_phrase(doc, obj), recipient) if p)
    left, right = verb.left_edge, verb.right_edge
    return ClaimRecord(
        start=left.idx,
        end=right.idx + len(right),
        sent=sent_of_token[verb.i],
        subject=subject_text,
        predicate=predicate,
        object=_object_key(doc, obj),
        statement=statement,
        polarity=polarity,
        attribution=squash(text[attribution.start : attribution.end]) if attribution else None,
        attribution_start=attribution.start if attribution else None,
        attribution_end=attribution.end if attribution else None,
        attribution_vague=attribution.vague if attribution else False,
    )


def _is_reporting(verb: Token) -> bool:
    """Speech and denial verbs attribute other claims; they are not claims themselves."""
    lemma = verb.lemma_.lower()
    return lemma in lexicon.speech_verbs() or lemma in lexicon.denial_verbs() or lemma == "cite"


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
    return _prep_object(noun, ("of",)) or compound or _prep_object(noun, ("for", "on"))


def _prep_object(noun: Token, preps: tuple[str, ...]) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _object_key(doc: Doc, obj: Token) -> str:
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


def _object_phrase(doc: Doc, obj: Token) -> str:
    """The object and its modifiers, leaving out names folded into it ("Nicolás Maduro amnesty")."""
    if obj.ent_iob_ != "O":
        return _phrase(doc, obj)
    words = [obj]
    for child in obj.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "nmod", "quantmod") and child.ent_iob_ == "O":
            words.extend(t for t in child.subtree if t.ent_iob_ == "O" and t.dep_ not in ("det", "punct"))
    return " ".join(t.text for t in sorted(set(words), key=lambda t: t.i))


def _recipient(doc: Doc, verb: Token) -> str:
    """ "to Maduro" when the verb has a named recipient."""
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN"):
            return "to " + _phrase(doc, child)
        if child.dep_ in ("dative", "prep") and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_iob_ != "O":
                return "to " + _phrase(doc, pobj)
    for child in verb.children:  # "offered Nicolás Maduro amnesty": the name is folded into the object
        if child.dep_ == "dobj" and child.ent_iob_ == "O":
            named = [c for c in child.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
            if named:
                return "to " + _phrase(doc, named[-1])
    return ""


def _hypothetical(verb: Token) -> bool:
    """A clause that says what might, would or could be, or asks: not a claim anyone asserts or denies.

    "we wouldn't have 355 damaged shops", "if it had stopped them", "could face charges", "did he
    have a gun?"; but "will" and "must" are kept ("will not seek re-election" says something).
    """
    if any(c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children if c.dep_ == "aux"):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    sentence = verb.sent
    return sentence[-1].text == "?" or (len(sentence) > 1 and sentence[-2].text == "?")


def _negated(verb: Token, obj: Token) -> bool:
    """ "has not offered", "never offered", "no offers have been made", "made no offer"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    nouns = [obj, obj.head] if obj.head.i != verb.i else [obj]
    nouns += [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for noun in nouns for c in noun.children)


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
        noun: Token | None = obj
        if obj.lemma_.lower() in lexicon.report_nouns():
            if _reported_clauses(obj):
                continue  # a clause: handled as a denied clause
            noun = _noun_object(obj)
        about = _noun_object(noun) if noun is not None else None
        if noun is None or about is None:
            continue
        predicate = lexicon.event(noun.lemma_.lower())
        record = _record(doc, text, denial, predicate, about, "denied", denier, sent_of_token)
        statement = f"{predicate} {_object_phrase(doc, about)}"  # no verb: no subject to name
        found.append(record.model_copy(update={"subject": "", "statement": statement}))
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
        e.start_char >= start and e.end_char <= end and e.label_ in NAMED_LABELS for e in doc.ents
    )
    # "people familiar with the matter", "the report": no one a reader could check
    head = token.lemma_.lower()
    vague = not named and (head in lexicon.vague_sources() or head in lexicon.report_nouns())
    return Attribution(doc.text[start:end], start, end, vague)


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
