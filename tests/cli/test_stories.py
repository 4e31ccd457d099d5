"""Stories end to end on tests/fixtures/stories: two earthquakes in one province four years apart
and a fraud trial. Each folder is one story; conflicts, quotes, claims and compare stay within a
story; --story filters every read command; corrections by hand outlive later ingests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newscorpus.errors import ExitCode
from tests.conftest import FIXTURES, run_cli

STORIES = FIXTURES / "stories"
FOLDERS = {
    "quake_2019": ["quake_2019/a", "quake_2019/b", "quake_2019/c"],
    "quake_2023": ["quake_2023/a", "quake_2023/b", "quake_2023/c"],
    "trial": ["trial/a", "trial/b"],
}
HELD_OUT = STORIES / "quake_2019" / "c.txt"  # ingested alone, its id is its stem
HELD_OUT_ID = "c"
NAMED_IN_BOTH_QUAKES = "National Seismic Institute"  # in 2019/a, 2019/c, 2023/a, 2023/b only


# --- helpers ----------------------------------------------------------------------------------


def stories(db: Path, *args: str) -> list[dict[str, Any]]:
    return json.loads(run_cli("stories", "--db", db, "--format", "json", *args).stdout)


def story_of(db: Path) -> dict[str, int]:
    """doc id -> story id, as `stories` lists them."""
    return {doc: s["id"] for s in stories(db) for doc in s["docs"]}


def story_of_folder(db: Path, folder: str) -> int:
    found = {story_of(db)[doc] for doc in FOLDERS[folder]}
    assert len(found) == 1, f"{folder} is in stories {found}"
    return found.pop()


def members(db: Path) -> set[frozenset[str]]:
    return {frozenset(s["docs"]) for s in stories(db)}


def one_error_line(result: Any, message: str) -> None:
    """The failure is one `newscorpus: error:` line (a hint may follow), no traceback, no output."""
    errors = [line for line in result.stderr.splitlines() if line.startswith("newscorpus: error:")]
    assert errors == [f"newscorpus: error: {message}"], result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- databases --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three folders ingested at once. Tests must not write to it."""
    db = tmp_path_factory.mktemp("stories") / "stories.db"
    run_cli("ingest", STORIES, "--db", db)
    return db


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


@pytest.fixture
def db(stories_db: Path, tmp_path: Path) -> Path:
    """A private copy of stories_db that a test may change."""
    return _copy(stories_db, tmp_path / "t.db")


@pytest.fixture(scope="module")
def partial_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures less one 2019 article (HELD_OUT). Tests must not write to it."""
    root = tmp_path_factory.mktemp("partial")
    corpus = root / "stories"
    shutil.copytree(STORIES, corpus)
    (corpus / "quake_2019" / "c.txt").unlink()
    db = root / "partial.db"
    run_cli("ingest", corpus, "--db", db)
    return db


@pytest.fixture
def partial(partial_db: Path, tmp_path: Path) -> Path:
    """A private copy of partial_db, for a test that ingests HELD_OUT into it."""
    return _copy(partial_db, tmp_path / "p.db")


def ingest_held_out(db: Path) -> None:
    result = run_cli("ingest", HELD_OUT, "--db", db)
    assert "added 1, replaced 0" in result.stderr


# --- grouping ---------------------------------------------------------------------------------


def test_three_folders_are_three_stories_each_folder_one_story(stories_db: Path) -> None:
    found = stories(stories_db)
    assert len(found) == 3
    assert {frozenset(s["docs"]) for s in found} == {frozenset(docs) for docs in FOLDERS.values()}
    for s in found:
        assert {"id", "label", "articles", "outlets", "first", "last", "docs"} <= set(s)
        assert s["articles"] == len(s["docs"])
        assert s["label"]
    assert len({s["id"] for s in found}) == 3


def test_stories_are_listed_most_articles_first(stories_db: Path) -> None:
    assert [s["articles"] for s in stories(stories_db)] == [3, 3, 2]


def test_stories_span_their_articles_dates_and_outlets(stories_db: Path) -> None:
    by_first_doc = {s["docs"][0]: s for s in stories(stories_db)}
    quake = by_first_doc["quake_2019/a"]
    assert (quake["first"], quake["last"], quake["outlets"]) == ("2019-03-09", "2019-03-10", 3)
    trial = by_first_doc["trial/a"]
    assert (trial["first"], trial["last"], trial["outlets"]) == ("2021-11-08", "2021-11-10", 2)


def test_two_earthquakes_in_one_province_are_kept_apart(stories_db: Path) -> None:
    assert story_of_folder(stories_db, "quake_2019") != story_of_folder(stories_db, "quake_2023")


@pytest.mark.slow  # an ingest of its own
def test_two_earthquakes_are_kept_apart_by_what_they_say_without_publication_dates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(STORIES, corpus)
    (corpus / "sources.csv").unlink()  # no dates to keep them apart: only names, words and the dates they give
    db = tmp_path / "nodates.db"
    run_cli("ingest", corpus, "--db", db)
    assert members(db) == {frozenset(docs) for docs in FOLDERS.values()}


def test_each_quake_label_names_its_own_quake(stories_db: Path) -> None:
    labels = {s["docs"][0].split("/")[0]: s["label"] for s in stories(stories_db)}
    own_2019 = ("Ostrevo", "Tomas Velikan", "Irena Dovrak", "Pavel Sirko", "St. Anselm")
    own_2023 = ("Kalnitsa", "Ana Petrin", "Marek Hollan", "Josef Luka", "Lisna")
    assert any(name in labels["quake_2019"] for name in own_2019)
    assert not any(name in labels["quake_2019"] for name in own_2023)
    assert any(name in labels["quake_2023"] for name in own_2023)
    assert not any(name in labels["quake_2023"] for name in own_2019)


def test_docs_say_the_story_stories_lists(stories_db: Path) -> None:
    rows = json.loads(run_cli("docs", "--db", stories_db, "--format", "json").stdout)
    assert {row["id"]: row["story"] for row in rows} == story_of(stories_db)


@pytest.mark.slow  # two ingests
def test_an_article_ingested_later_joins_its_story_whose_id_is_unchanged(partial: Path) -> None:
    before = {frozenset(s["docs"]): s["id"] for s in stories(partial)}
    assert set(before) == {
        frozenset(FOLDERS["quake_2019"][:2]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(FOLDERS["trial"]),
    }
    ingest_held_out(partial)
    after = {frozenset(s["docs"]): s["id"] for s in stories(partial)}
    assert after == {
        frozenset([*FOLDERS["quake_2019"][:2], HELD_OUT_ID]): before[frozenset(FOLDERS["quake_2019"][:2])],
        frozenset(FOLDERS["quake_2023"]): before[frozenset(FOLDERS["quake_2023"])],
        frozenset(FOLDERS["trial"]): before[frozenset(FOLDERS["trial"])],
    }


@pytest.mark.slow  # two ingests
def test_ingesting_the_same_folder_again_changes_no_story(stories_db: Path, db: Path) -> None:
    result = run_cli("ingest", STORIES, "--db", db)
    assert "added 0, replaced 0, unchanged 8" in result.stderr
    assert stories(db) == stories(stories_db)


# --- within a story ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures(stories_db: Path) -> dict[str, Any]:
    return json.loads(run_cli("figures", "--db", stories_db, "--format", "json").stdout)


@pytest.fixture(scope="module")
def conflicts(stories_db: Path) -> list[dict[str, Any]]:
    return json.loads(run_cli("figures", "--conflicts", "--db", stories_db, "--format", "json").stdout)["conflicts"]


def test_the_two_quakes_give_figures_that_would_conflict_across_stories(figures: dict[str, Any]) -> None:
    # what makes the next tests worth having: both quakes count deaths and magnitudes, differently
    keys = {folder: {f["key"] for f in figures["figures"] if f["doc"] in docs} for folder, docs in FOLDERS.items()}
    shared = keys["quake_2019"] & keys["quake_2023"]
    assert "death" in shared
    values = {
        folder: {f["value"] for f in figures["figures"] if f["doc"] in FOLDERS[folder] and f["key"] == "death"}
        for folder in ("quake_2019", "quake_2023")
    }
    assert 5 in values["quake_2023"] and not values["quake_2019"] & {5}


def test_the_2019_death_toll_is_a_conflict_within_its_story(stories_db: Path, conflicts: list[dict[str, Any]]) -> None:
    deaths = [c for c in conflicts if {v["doc"] for v in c["values"]} & set(FOLDERS["quake_2019"])]
    assert deaths, "the outlets disagree on the 2019 toll: at least 12 dead, 8 killed"
    [toll] = [c for c in deaths if any(v["value"] == 8 for v in c["values"])]
    assert {v["doc"] for v in toll["values"]} <= set(FOLDERS["quake_2019"])
    assert {v["value"] for v in toll["values"]} >= {8, 12}
    assert toll["story"] == story_of_folder(stories_db, "quake_2019")


def test_no_figure_conflict_pairs_documents_of_two_stories(stories_db: Path, conflicts: list[dict[str, Any]]) -> None:
    of = story_of(stories_db)
    assert conflicts
    for conflict in conflicts:
        told = {of[v["doc"]] for v in conflict["values"]}
        assert len(told) == 1, conflict
        assert conflict["story"] == told.pop()


def test_no_figure_agreement_joins_documents_of_two_stories(stories_db: Path, figures: dict[str, Any]) -> None:
    of = story_of(stories_db)
    for agreement in figures["agreements"]:
        assert len({of[v["doc"]] for v in agreement["values"]}) == 1, agreement


def test_every_claim_and_quote_is_carried_within_one_story(stories_db: Path) -> None:
    of = story_of(stories_db)
    claims = json.loads(run_cli("claims", "--db", stories_db, "--format", "json").stdout)
    quotes = json.loads(run_cli("quotes", "--db", stories_db, "--format", "json").stdout)
    assert claims and quotes
    for item in [*claims, *quotes]:
        told = {of[c["doc"]] for c in item["carriers"]}
        assert told == {item["story"]}, item


def test_every_timeline_date_is_named_within_one_story(stories_db: Path) -> None:
    events = json.loads(run_cli("timeline", "--db", stories_db, "--format", "json").stdout)
    story = story_of(stories_db)
    assert events
    for event in events:
        assert {story[doc] for doc in event["docs"]} == {event["story"]}


def test_compare_conflicts_stay_within_a_story(stories_db: Path) -> None:
    result = json.loads(run_cli("compare", "Ostrevo", "--db", stories_db, "--format", "json").stdout)
    of = story_of(stories_db)
    for conflict in result["conflicts"]:
        assert {of[v["doc"]] for v in conflict["values"]} == {conflict["story"]}


# --- --story ----------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", list(FOLDERS))
def test_story_filter_keeps_only_that_storys_documents(stories_db: Path, folder: str) -> None:
    story = str(story_of_folder(stories_db, folder))
    docs = json.loads(run_cli("docs", "--story", story, "--db", stories_db, "--format", "json").stdout)
    assert sorted(d["id"] for d in docs) == FOLDERS[folder]
    figures = json.loads(run_cli("figures", "--story", story, "--db", stories_db, "--format", "json").stdout)
    assert figures["figures"]
    assert {f["doc"] for f in figures["figures"]} <= set(FOLDERS[folder])
    assert {v["doc"] for c in figures["conflicts"] for v in c["values"]} <= set(FOLDERS[folder])
    claims = json.loads(run_cli("claims", "--story", story, "--db", stories_db, "--format", "json").stdout)
    assert claims
    assert {c["doc"] for claim in claims for c in claim["carriers"]} <= set(FOLDERS[folder])


def test_story_filter_keeps_the_conflict_of_its_story(stories_db: Path) -> None:
    story = str(story_of_folder(stories_db, "quake_2019"))
    result = run_cli("figures", "--conflicts", "--story", story, "--db", stories_db, "--format", "json")
    assert [c["story"] for c in json.loads(result.stdout)["conflicts"]] == [int(story)]
    other = str(story_of_folder(stories_db, "quake_2023"))
    args = ("figures", "--conflicts", "--story", other, "--db", stories_db, "--format", "json")
    result = run_cli(*args, code=ExitCode.FAILED)  # nothing found: the 2023 outlets agree on five dead
    assert json.loads(result.stdout)["conflicts"] == []


def test_two_story_filters_keep_both_stories(stories_db: Path) -> None:
    given = [str(story_of_folder(stories_db, folder)) for folder in ("quake_2019", "trial")]
    args = ["--story", given[0], "--story", given[1]]
    docs = json.loads(run_cli("docs", *args, "--db", stories_db, "--format", "json").stdout)
    assert sorted(d["id"] for d in docs) == sorted(FOLDERS["quake_2019"] + FOLDERS["trial"])


def test_story_filter_with_another_filter_keeps_what_passes_both(stories_db: Path) -> None:
    story = str(story_of_folder(stories_db, "quake_2019"))
    args = ("--story", story, "--source", "Meridian Wire")
    docs = json.loads(run_cli("docs", *args, "--db", stories_db, "--format", "json").stdout)
    assert [d["id"] for d in docs] == ["quake_2019/a"]


@pytest.mark.parametrize("command", ["docs", "figures", "claims", "quotes", "timeline", "stories", "search"])
def test_an_unknown_story_exits_1_with_one_line(stories_db: Path, command: str) -> None:
    query = ["earthquake"] if command == "search" else []
    result = run_cli(command, *query, "--story", "99", "--db", stories_db, code=ExitCode.FAILED)
    one_error_line(result, "there is no story 99")


def test_a_story_that_is_not_a_number_is_a_usage_error(stories_db: Path) -> None:
    result = run_cli("docs", "--story", "quake", "--db", stories_db, code=ExitCode.USAGE)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- stories show -----------------------------------------------------------------------------


def test_stories_show_lists_the_storys_documents_earliest_first(stories_db: Path) -> None:
    story = story_of_folder(stories_db, "quake_2019")
    result = run_cli("stories", "show", str(story), "--db", stories_db, "--format", "json")
    [shown] = json.loads(result.stdout)
    assert shown["id"] == story
    assert shown["docs"] == FOLDERS["quake_2019"]
    documents = shown["documents"]
    assert [d["id"] for d in documents] == FOLDERS["quake_2019"]  # 9 March (a, b), then 10 March
    assert [d["published"] for d in documents] == ["2019-03-09", "2019-03-09", "2019-03-10"]
    assert {d["source"] for d in documents} == {"Meridian Wire", "Valley Courier", "Continental Press"}
    assert {d["story"] for d in documents} == {story}


def test_stories_show_table_heads_with_the_story(stories_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    story = story_of_folder(stories_db, "trial")
    out = run_cli("stories", "show", str(story), "--db", stories_db, "--format", "table").stdout
    assert out.startswith(f"Story {story}: ")
    assert "2 articles, 2 outlets" in out
    assert "Dravisk Times" in out and "Valley Courier" not in out


def test_stories_show_of_an_unknown_story_exits_1(stories_db: Path) -> None:
    result = run_cli("stories", "show", "99", "--db", stories_db, "--format", "json", code=ExitCode.FAILED)
    one_error_line(result, "there is no story 99")


# --- corrections ------------------------------------------------------------------------------


def test_merge_makes_two_stories_one(db: Path) -> None:
    quake, trial = story_of_folder(db, "quake_2023"), story_of_folder(db, "trial")
    result = run_cli("stories", "merge", str(quake), str(trial), "--db", db)
    assert result.stderr.strip() == f"newscorpus: stories {quake}, {trial} are now story {quake} (5 articles)"
    assert members(db) == {frozenset(FOLDERS["quake_2019"]), frozenset(FOLDERS["quake_2023"] + FOLDERS["trial"])}
    assert story_of_folder(db, "quake_2023") == quake


def test_merge_of_three_stories(db: Path) -> None:
    ids = [str(story_of_folder(db, folder)) for folder in FOLDERS]
    run_cli("stories", "merge", *ids, "--db", db)
    assert members(db) == {frozenset(doc for docs in FOLDERS.values() for doc in docs)}


def test_move_takes_an_article_into_another_story(db: Path) -> None:
    quake = story_of_folder(db, "quake_2019")
    result = run_cli("stories", "move", "trial/a", str(quake), "--db", db)
    assert result.stderr.strip() == f"newscorpus: trial/a is now in story {quake} (4 articles)"
    assert story_of(db)["trial/a"] == quake
    assert members(db) == {
        frozenset([*FOLDERS["quake_2019"], "trial/a"]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(["trial/b"]),
    }


def test_move_takes_a_document_id_by_its_start(db: Path) -> None:
    quake = story_of_folder(db, "quake_2023")
    run_cli("stories", "move", "trial/b", str(quake), "--db", db)
    assert story_of(db)["trial/b"] == quake


def test_split_puts_an_article_in_a_story_of_its_own(db: Path) -> None:
    before = {folder: story_of_folder(db, folder) for folder in ("quake_2023", "trial")}
    result = run_cli("stories", "split", "quake_2019/b", "--db", db)
    new = story_of(db)["quake_2019/b"]
    assert result.stderr.strip() == f"newscorpus: quake_2019/b is now in story {new} (1 article)"
    assert new not in before.values()
    assert members(db) == {
        frozenset(["quake_2019/a", "quake_2019/c"]),
        frozenset(["quake_2019/b"]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(FOLDERS["trial"]),
    }
    assert {folder: story_of_folder(db, folder) for folder in before} == before  # the others keep their ids


def test_split_of_several_articles_puts_them_in_one_story_together(db: Path) -> None:
    run_cli("stories", "split", "quake_2019/b", "quake_2019/c", "--db", db)
    assert members(db) == {
        frozenset(["quake_2019/a"]),
        frozenset(["quake_2019/b", "quake_2019/c"]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(FOLDERS["trial"]),
    }


def test_corrections_apply_in_the_order_given(db: Path) -> None:
    quake = story_of_folder(db, "quake_2019")
    run_cli("stories", "split", "trial/a", "--db", db)
    run_cli("stories", "move", "trial/a", str(quake), "--db", db)
    assert story_of(db)["trial/a"] == quake


@pytest.mark.slow  # a second ingest
def test_a_merge_survives_a_later_ingest(partial: Path) -> None:
    quake, trial = story_of_folder(partial, "quake_2023"), story_of_folder(partial, "trial")
    run_cli("stories", "merge", str(quake), str(trial), "--db", partial)
    ingest_held_out(partial)
    assert members(partial) == {
        frozenset([*FOLDERS["quake_2019"][:2], HELD_OUT_ID]),
        frozenset(FOLDERS["quake_2023"] + FOLDERS["trial"]),
    }


@pytest.mark.slow  # a second ingest
def test_a_move_survives_a_later_ingest(partial: Path) -> None:
    quake = story_of(partial)["quake_2019/a"]
    run_cli("stories", "move", "trial/a", str(quake), "--db", partial)
    ingest_held_out(partial)
    assert story_of(partial)["trial/a"] == story_of(partial)["quake_2019/a"]
    assert members(partial) == {
        frozenset([*FOLDERS["quake_2019"][:2], HELD_OUT_ID, "trial/a"]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(["trial/b"]),
    }


@pytest.mark.slow  # a second ingest
def test_a_split_survives_a_later_ingest(partial: Path) -> None:
    run_cli("stories", "split", "quake_2019/b", "--db", partial)
    split = story_of(partial)["quake_2019/b"]
    ingest_held_out(partial)
    assert story_of(partial)["quake_2019/b"] == split
    assert members(partial) == {
        frozenset(["quake_2019/a", HELD_OUT_ID]),
        frozenset(["quake_2019/b"]),
        frozenset(FOLDERS["quake_2023"]),
        frozenset(FOLDERS["trial"]),
    }


@pytest.mark.slow  # a second ingest
def test_a_correction_survives_the_same_folder_ingested_again(db: Path) -> None:
    run_cli("stories", "split", "quake_2023/c", "--db", db)
    before = stories(db)
    run_cli("ingest", STORIES, "--db", db)
    assert stories(db) == before


@pytest.mark.slow  # a second ingest
def test_a_correction_survives_its_article_changed_and_ingested_again(db: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "stories"
    shutil.copytree(STORIES, corpus)
    run_cli("ingest", corpus, "--db", db)  # the same texts from another path: nothing to analyse
    run_cli("stories", "split", "quake_2019/b", "--db", db)
    with (corpus / "quake_2019" / "b.txt").open("a", encoding="utf-8") as out:
        out.write("\nThe provincial government said it would pay for temporary housing in Ostrevo.\n")
    result = run_cli("ingest", corpus, "--db", db)
    assert "added 0, replaced 1, unchanged 7" in result.stderr
    assert frozenset(["quake_2019/b"]) in members(db)


KALNITSA_FOLLOW_UP = """Kalnitsa farmers count the cost of the quake

By Clara Wendt | June 22, 2023

Farmers around Kalnitsa said on Thursday that the magnitude 5.4 earthquake which killed five people in the
town had ruined grain stores on the Lisna river plain in the middle of the harvest.

Ana Petrin, head of the Halvek provincial rescue service, said her crews had finished searching the collapsed
grain warehouse. Governor Marek Hollan promised compensation for lost crops, and mayor Josef Luka said the
sugar mill would reopen once engineers had checked its cracked walls.
"""


@pytest.mark.slow  # a second ingest
def test_an_article_rewritten_about_another_event_moves_to_its_story(db: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "stories"
    shutil.copytree(STORIES, corpus)
    run_cli("ingest", corpus, "--db", db)
    (corpus / "trial" / "b.txt").write_text(KALNITSA_FOLLOW_UP, encoding="utf-8")
    sources = corpus / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("trial/b.txt,Dravisk Times,2021-11-10", "trial/b.txt,,"),
        encoding="utf-8",
    )
    result = run_cli("ingest", corpus, "--db", db)
    assert "replaced 1" in result.stderr
    assert story_of(db)["trial/b"] == story_of(db)["quake_2023/a"]
    assert members(db) == {
        frozenset(FOLDERS["quake_2019"]),
        frozenset([*FOLDERS["quake_2023"], "trial/b"]),
        frozenset(["trial/a"]),
    }


def test_the_id_of_a_story_merged_away_is_not_given_to_a_new_story(db: Path) -> None:
    found = stories(db)
    last = max(found, key=lambda s: s["id"])  # the id a new story would be given after it
    # merged with a story of as many articles and a lower id, it is the one whose id goes
    into = min((s for s in found if s is not last and s["articles"] >= last["articles"]), key=lambda s: s["id"])
    run_cli("stories", "merge", str(into["id"]), str(last["id"]), "--db", db)
    assert last["id"] not in {s["id"] for s in stories(db)}
    run_cli("stories", "split", into["docs"][0], "--db", db)
    assert story_of(db)[into["docs"][0]] != last["id"]


def test_a_merge_outlives_the_removal_of_one_of_its_articles(db: Path) -> None:
    quake, trial = story_of_folder(db, "quake_2023"), story_of_folder(db, "trial")
    run_cli("stories", "merge", str(quake), str(trial), "--db", db)
    run_cli("docs", "rm", "quake_2023/a", "--db", db)
    assert frozenset(["quake_2023/b", "quake_2023/c", "trial/a", "trial/b"]) in members(db)


def test_a_move_outlives_the_removal_of_the_target_storys_first_article(db: Path) -> None:
    quake = story_of_folder(db, "quake_2019")
    run_cli("stories", "move", "trial/a", str(quake), "--db", db)
    run_cli("docs", "rm", "quake_2019/a", "--db", db)
    assert story_of(db)["trial/a"] == story_of(db)["quake_2019/b"]


def test_a_merge_outlives_the_removal_of_its_stand_in_from_the_merged_story(db: Path) -> None:
    quake, trial = story_of_folder(db, "quake_2019"), story_of_folder(db, "trial")
    run_cli("stories", "merge", str(quake), str(trial), "--db", db)
    run_cli("docs", "rm", "trial/a", "--db", db)  # the merge was kept as quake_2019/a and trial/a
    assert frozenset([*FOLDERS["quake_2019"], "trial/b"]) in members(db)


def test_a_move_outlives_the_removal_of_a_target_article(db: Path) -> None:
    trial = story_of_folder(db, "trial")
    run_cli("stories", "move", "quake_2023/a", str(trial), "--db", db)
    run_cli("docs", "rm", "trial/a", "--db", db)
    assert story_of(db)["quake_2023/a"] == story_of(db)["trial/b"]


def test_a_second_split_with_an_article_of_the_first_makes_a_new_story(db: Path) -> None:
    run_cli("stories", "split", "quake_2019/a", "quake_2019/b", "--db", db)
    run_cli("stories", "split", "quake_2019/a", "quake_2019/c", "--db", db)
    found = members(db)
    assert frozenset(["quake_2019/a", "quake_2019/c"]) in found
    assert frozenset(["quake_2019/b"]) in found


def test_an_earlier_id_goes_to_the_story_holding_most_of_its_articles(db: Path) -> None:
    quake = story_of_folder(db, "quake_2023")
    run_cli("stories", "split", "quake_2023/a", "--db", db)  # one article out: the two left keep the id
    assert story_of(db)["quake_2023/b"] == story_of(db)["quake_2023/c"] == quake
    assert story_of(db)["quake_2023/a"] != quake


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "1", "99"], "there is no story 99"),
        (["merge", "1", "²"], "there is no story ²"),
        (["merge", "99", "1"], "there is no story 99"),
        (["merge", "1", "two"], "there is no story two"),
        (["move", "trial/a", "99"], "there is no story 99"),
        (["move", "nosuch", "1"], "no document has the id 'nosuch'"),
        (["split", "nosuch"], "no document has the id 'nosuch'"),
        (["split", "trial/a", "nosuch"], "no document has the id 'nosuch'"),
    ],
)
def test_an_unknown_story_or_document_exits_1_and_changes_nothing(db: Path, args: list[str], message: str) -> None:
    before = stories(db)
    result = run_cli("stories", *args, "--db", db, code=ExitCode.FAILED)
    one_error_line(result, message)
    assert stories(db) == before


def test_merging_a_story_with_itself_is_a_usage_error(db: Path) -> None:
    story = str(story_of_folder(db, "trial"))
    result = run_cli("stories", "merge", story, story, "--db", db, code=ExitCode.USAGE)
    one_error_line(result, "give two different stories to merge")


def test_a_correction_on_a_missing_database_exits_2(tmp_path: Path) -> None:
    result = run_cli("stories", "merge", "1", "2", "--db", tmp_path / "none.db", code=ExitCode.USAGE)
    assert "Traceback" not in result.stderr


# --- compare ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison(stories_db: Path) -> dict[str, Any]:
    result = run_cli("compare", NAMED_IN_BOTH_QUAKES, "--db", stories_db, "--format", "json")
    return json.loads(result.stdout)


def test_compare_has_one_entry_per_story_naming_the_entity(stories_db: Path, comparison: dict[str, Any]) -> None:
    quakes = {story_of_folder(stories_db, "quake_2019"), story_of_folder(stories_db, "quake_2023")}
    assert comparison["entity"]["name"] == NAMED_IN_BOTH_QUAKES
    assert sorted(s["id"] for s in comparison["stories"]) == sorted(quakes)
    for told in comparison["stories"]:
        assert (told["articles"], told["mentioning"]) == (3, 2)
        assert told["label"]


def test_compare_absent_lists_only_documents_of_the_stories_naming_it(
    stories_db: Path, comparison: dict[str, Any]
) -> None:
    of = story_of(stories_db)
    assert sorted(comparison["absent"]) == ["quake_2019/b", "quake_2023/c"]  # never trial/a, trial/b
    assert len(comparison["absent_labels"]) == len(comparison["absent"])
    for told in comparison["stories"]:
        assert told["absent"] and all(of[doc] == told["id"] for doc in told["absent"])
    assert sorted(doc for told in comparison["stories"] for doc in told["absent"]) == sorted(comparison["absent"])


def test_compare_sources_carry_their_story(stories_db: Path, comparison: dict[str, Any]) -> None:
    of = story_of(stories_db)
    assert sorted(s["doc"] for s in comparison["sources"]) == [
        "quake_2019/a",
        "quake_2019/c",
        "quake_2023/a",
        "quake_2023/b",
    ]
    for source in comparison["sources"]:
        assert source["story"] == of[source["doc"]]


def test_compare_within_one_story(stories_db: Path) -> None:
    story = story_of_folder(stories_db, "quake_2023")
    args = ("compare", NAMED_IN_BOTH_QUAKES, "--story", str(story), "--db", stories_db, "--format", "json")
    result = json.loads(run_cli(*args).stdout)
    assert [s["id"] for s in result["stories"]] == [story]
    assert result["absent"] == ["quake_2023/c"]
    assert {s["doc"] for s in result["sources"]} == {"quake_2023/a", "quake_2023/b"}


def test_compare_shows_no_conflict_of_a_story_that_does_not_name_the_entity(stories_db: Path) -> None:
    quake_2019 = story_of_folder(stories_db, "quake_2019")
    found = json.loads(run_cli("compare", "Kalnitsa", "--db", stories_db, "--format", "json").stdout)
    assert found["stories"] and all(s["id"] != quake_2019 for s in found["stories"])
    assert all(c["story"] != quake_2019 for c in found["conflicts"])
    assert all(q["story"] != quake_2019 for q in found["quotes"])
    assert all(c["story"] != quake_2019 for c in found["claims"])
    figures = json.loads(run_cli("figures", "--entity", "Kalnitsa", "--db", stories_db, "--format", "json").stdout)
    assert all(c["story"] != quake_2019 for c in figures["conflicts"])


def test_compare_table_has_a_story_heading_per_story(stories_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = run_cli("compare", NAMED_IN_BOTH_QUAKES, "--db", stories_db, "--format", "table").stdout
    headings = [line for line in out.splitlines() if line.startswith("Story ")]
    quakes = [story_of_folder(stories_db, folder) for folder in ("quake_2019", "quake_2023")]
    assert sorted(int(line.split(":")[0].removeprefix("Story ")) for line in headings) == sorted(quakes)
    assert f"Story {story_of_folder(stories_db, 'trial')}:" not in out
    assert out.count("Not mentioned in:") == 2


def test_compare_table_of_an_entity_in_one_story_has_no_story_heading(
    stories_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = run_cli("compare", "Adrian Keller", "--db", stories_db, "--format", "table").stdout
    assert "Adrian Keller" in out
    assert not [line for line in out.splitlines() if line.startswith("Story ")]
