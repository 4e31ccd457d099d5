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
SECTIONS = ("coverage", "corpus", "conflicts", "claims", "quotes", "timeline", "sources", "sentences")


class Page(HTMLParser):
    """The tags, ids, links and external references of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.outside: list[str] = []  # links out of the page (to the original articles)
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
        if (values.get("src") or "").startswith(("http:", "https:", "//")):  # a resource the page would load
            self.external.append(values["src"] or "")
        if href.startswith(("http:", "https:", "javascript:")):
            self.outside.append(href)


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
    assert "2 entities, 5 articles" in result.stderr
    page = Page(out.read_text(encoding="utf-8"))
    entity_sections = {i for i in page.ids if i.startswith("entity-")}
    assert len(entity_sections) == 2 and "corpus" not in page.ids  # one section per entity named
    assert {i.split("-")[0] for i in page.ids if "-" in i} >= {"entity", "conflicts", "claims", "quotes", "timeline"}
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
    # a phone's width: the page is drawn at 400 pixels, tables scroll inside their boxes
    narrow = [arg if not arg.startswith("--window-size") else "--window-size=400,2400" for arg in browser]
    phone = tmp_path / "phone.png"
    subprocess.run([*narrow, f"--screenshot={phone}", url], capture_output=True, timeout=120, check=True)
    png = phone.read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 400 and len(png) > 10_000
    # printed: the print stylesheet gives a PDF of several pages
    pdf = tmp_path / "report.pdf"
    subprocess.run([*browser, f"--print-to-pdf={pdf}", url], capture_output=True, timeout=120, check=True)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().count(b"/Type /Page") >= 2


def test_the_legend_names_each_source_with_a_link_to_the_original(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    db.write_bytes(seeds_db.read_bytes())
    run_cli("docs", "set", "000", "--url", "https://theweek.com/politics/maduro", "--db", db, "-f", "tsv")
    run_cli("docs", "set", "001", "--url", "javascript:alert(1)", "--date", "2024-08-13", "--db", db, "-f", "tsv")
    out = tmp_path / "r.html"
    run_cli("report", "-o", out, "--db", db)
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert page.outside == ["https://theweek.com/politics/maduro"]  # a javascript: url is shown, never linked
    legend = html.split('id="sources"', 1)[1].split("</section>", 1)[0]
    for label in ("The Week", "Herald rewrite", "Journal rewrite", "Markets blog", "Markets wire"):
        assert f"<th>{label}</th>" in legend
    assert "2024-08-13" in legend and "US, Venezuelan opposition press Maduro to concede" in legend


def test_the_heatmap_shows_at_most_twenty_outlets(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(25):
        (corpus / f"outlet{i:02}").mkdir(parents=True)
        (corpus / f"outlet{i:02}" / "a.txt").write_text(
            f"Nicolás Maduro spoke in Caracas on Monday, report {i} said. Maduro met Edmundo González.\n",
            encoding="utf-8",
        )
    db = tmp_path / "t.db"
    run_cli("ingest", corpus, "--db", db, "--source-from", "parent")
    out = tmp_path / "r.html"
    run_cli("report", "-o", out, "--db", db, "--top", "3")
    heatmap = out.read_text(encoding="utf-8").split('class="heatmap"', 1)[1].split("</thead>", 1)[0]
    assert heatmap.count('class="source"') == 20 and ">other 6<" in heatmap


def test_the_report_takes_the_filters(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run_cli("report", "-o", out, "--db", seeds_db, "--source", "The Week", "--source", "Markets wire")
    legend = out.read_text(encoding="utf-8").split('id="sources"', 1)[1]
    assert "<th>The Week</th>" in legend and "Markets blog" not in legend
