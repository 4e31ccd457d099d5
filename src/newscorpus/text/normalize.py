"""Text normalization shared by every layer: one place for whitespace, typographic marks and accents."""

from __future__ import annotations

import unicodedata

# curly quotes, guillemets, backtick -> straight quotes; every dash and minus -> "-"
_TYPOGRAPHIC = str.maketrans("‘’‚‛`“”„‟«»‐‑‒–—―−", "'" * 5 + '"' * 6 + "-" * 7)


def squash(text: str | None) -> str:
    """Runs of whitespace (line breaks included) as one space, trimmed: text for one line or one cell."""
    return " ".join((text or "").split())


def plain_marks(text: str) -> str:
    """Typographic quotes and dashes as their ASCII forms: "It’s" -> "It's"."""
    return text.translate(_TYPOGRAPHIC)


def fold(text: str) -> str:
    """Accent-folded, case-folded text: "Nicolás" -> "nicolas"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
