"""Names and their keys: what is left of a mention once titles and punctuation are gone, and the key it is matched by.

"President Nicolás Maduro's" -> "Nicolás Maduro" -> "nicolas maduro". The key is what the clustering
rules, the stored entities and a user's query are all compared by.
"""

from __future__ import annotations

import re

from newscorpus.text import lexicon
from newscorpus.text.normalize import fold, plain_marks

_POSSESSIVE = re.compile(r"'s?$", re.IGNORECASE)  # "MADURO'S" in a headline too
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_SPACE = re.compile(r"\s+")
_LEADING_JUNK = re.compile(r"^[^\w\"'(]+")


def clean_name(text: str, label: str | None = None) -> str:
    """The name inside a mention: no possessive, leading "the", title, or lower-case modifier.

    "President Nicolás Maduro's" -> "Nicolás Maduro"; "the pro-Maduro Supreme Court" -> "Supreme Court".
    A title that also begins names of organisations and places is kept unless `label` says the
    mention is a person (or is not given, as for a user's query): "General Motors" stays whole.
    """
    keep_titles = lexicon.name_starting_titles() if label not in (None, "PERSON") else frozenset()
    name = _SPACE.sub(" ", plain_marks(text)).strip(" ,;:\"'()[]")
    name = _LEADING_JUNK.sub("", name)  # "- Ireland", "• Apple"
    name = _POSSESSIVE.sub("", name) if len(name) > 3 else name
    if name.endswith(".") and not _ACRONYM.search(name):
        name = name.rstrip(".")
    while True:
        lowered = name.lower()
        for title in ("the ", *(t + " " for t in lexicon.titles() if t not in keep_titles)):
            if lowered.startswith(title) and len(name) > len(title):
                name = name[len(title) :].lstrip()
                break
        else:
            first, _, rest = name.partition(" ")
            # "pro-Maduro Supreme Court", "ex-president X"; but a query typed in lower case
            # ("edmundo gonzalez") has no modifier to drop
            if rest and first[:1].islower() and any(c.isupper() for c in rest):
                name = rest
                continue
            return name


def normalize(name: str) -> str:
    """The matching key of a name: folded, acronym dots dropped, "&" as "and", spaces collapsed.

    Idempotent: normalize(normalize(x)) == normalize(x).
    """
    key = fold(plain_marks(name))
    key = re.sub(r"(?<=\b[a-z])\.", "", key)  # u.s. -> us, j. -> j
    key = key.replace("&", " and ").replace("-", " ")
    key = re.sub(r"[^\w' ]+|(?<!\w)'|'(?!\w)", " ", key)  # an apostrophe only inside a word ("o'neill")
    key = re.sub(r"^(the )+", "", _SPACE.sub(" ", key).strip())
    return re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", key)  # spaced initials: "u s" -> "us", "j k rowling" -> "jk rowling"


def name_key(text: str) -> str:
    """The key a mention or a user's query is matched by: normalize(clean_name(text))."""
    return normalize(clean_name(text))
