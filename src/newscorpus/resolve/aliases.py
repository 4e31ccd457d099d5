"""User corrections to entity resolution, kept in a TOML file beside the database.

    # newscorpus.aliases.toml
    merge = [["Juan González", "Juan Barreto"]]
    split = [["Edmundo González", "González"]]
    rename = [["Maduro", "Nicolás Maduro Moros"]]

A plain file, easy to edit by hand and to commit with a project; applied on every resolution.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from newscorpus.errors import ConfigError
from newscorpus.models import AliasRules

HEADER = (
    "# newscorpus entity corrections: names that must (merge) or must never (split) be one entity,\n"
    "# and names chosen for entities (rename: a name of the entity, its new name).\n"
    "# Edit freely; `newscorpus alias merge|split|rename` write here. Applied on every resolution.\n"
)


def path_for(db: Path) -> Path:
    """The alias file that belongs to a database: newscorpus.db -> newscorpus.aliases.toml."""
    return db.with_name(db.stem + ".aliases.toml")


def load(path: Path) -> AliasRules:
    """Read the alias file; a missing file is no corrections.

    Raises:
        InputError: the file is not valid TOML or not of the expected shape.
    """
    if not path.exists():
        return AliasRules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return AliasRules(merge=data.get("merge", []), split=data.get("split", []), rename=data.get("rename", []))
    except (tomllib.TOMLDecodeError, ValueError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0]
        raise ConfigError(f"not a valid alias file ({reason})", path=str(path), hint="fix or delete it") from None


def save(path: Path, rules: AliasRules) -> None:
    """Write the alias file (TOML strings written as JSON strings, which TOML accepts)."""

    def pairs(items: list[tuple[str, str]]) -> str:
        if not items:
            return "[]"
        rows = ",\n".join(
            f"  [{json.dumps(a, ensure_ascii=False)}, {json.dumps(b, ensure_ascii=False)}]" for a, b in items
        )
        return "[\n" + rows + ",\n]"

    path.write_text(
        f"{HEADER}\nmerge = {pairs(rules.merge)}\n\nsplit = {pairs(rules.split)}\n\nrename = {pairs(rules.rename)}\n",
        encoding="utf-8",
    )
