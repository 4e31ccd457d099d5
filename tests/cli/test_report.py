"""report: one self-contained HTML page with its sections; article text escaped, never run."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli

SCRIPT = "<script>document.body.setAttribute('data-pwned', 'script')</script>"
IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'image')\">"
SECTIONS = ("coverage", "conflicts", "claims", "quotes", "sentences")


class Page(HTMLParser):
    """The tags, ids, links and external references of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.body: dict[str, str | None] = {}  # the attributes of <body>, where the data's scripts would write
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "body":
            self.body = values
        if values.get("id"):
            self.ids.add(values["id"] or "")
        href = values.get("href") or ""
        if href.startswith("#"):
            self.links.append(href[1:])
        for name in ("src", "href"):
            if (values.get(name) or "").startswith(("http:", "https:", "//")):
                self.external.append(values[name] or "")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report on the seeds plus an article whose outlet, title and quote carry script."""
    folder = tmp_path_factory.mktemp("report")
    db = folder / "t.db"
    run_cli("ingest", SEEDS, "--db", db)
    article = folder / "hostile.txt"
    article.write_text(
        f"Maduro {IMAGE} under pressure\n\n"
        f'"{SCRIPT} The dictatorship must end," María Corina Machado said on Monday in Caracas.\n',
        encoding="utf-8",
    )
    run_cli("ingest", article, "--db", db, "--source", f"Evil {SCRIPT}")
    out = folder / "report.html"
    run_cli("report", "--output", out, "--db", db)
    return out


def test_the_page_has_every_section_and_each_row_links_to_its_sentence(hostile_report: Path) -> None:
    html = hostile_report.read_text(encoding="utf-8")
    page = Page(html)
    assert set(SECTIONS) <= page.ids
    assert page.links and all(link in page.ids for link in page.links)  # every row's link lands on its sentence
    assert "Nicolás Maduro" in html and "approximately 2,000" in html  # the heatmap and the arrests conflict
    assert "amnesty" in html  # the disputed amnesty claim


def test_article_text_is_escaped_and_the_page_is_self_contained(hostile_report: Path) -> None:
    html = hostile_report.read_text(encoding="utf-8")
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert "&lt;script&gt;" in html  # shown as text
    assert not page.external and "@import" not in html and "url(" not in html


def test_report_of_named_entities(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_cli("report", "-o", out, "--entity", "Maduro", "--entity", "Blinken", "--db", seeds_db)
    assert "2 entities, 5 sources" in result.stderr
    assert run_cli("report", "-o", out, "--entity", "Nobody Atall", "--db", seeds_db, code=1).stderr


def test_report_to_stdout(seeds_db: Path) -> None:
    assert run_cli("report", "-o", "-", "--top", "3", "--db", seeds_db).stdout.startswith("<!DOCTYPE html>")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (.ci/run installs Debian's chromium)")
def test_chromium_renders_the_page_and_runs_no_script_from_the_data(hostile_report: Path, tmp_path: Path) -> None:
    browser = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    browser += [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2400"]
    url = hostile_report.as_uri()
    dom = subprocess.run([*browser, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True).stdout
    page = Page(dom)
    assert set(SECTIONS) <= page.ids
    assert "data-pwned" not in page.body and "script" not in page.tags
    assert "&lt;script&gt;document.body.setAttribute" in dom  # there, as text
    shot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={shot}", url], capture_output=True, timeout=120, check=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page with tables, not a blank one
