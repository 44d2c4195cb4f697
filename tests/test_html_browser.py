"""The HTML edition in a real browser: Debian's Chromium, driven by playwright, with axe-core
injected into every page of the site (every year, every language, the home pages).

Needs Chromium (`apt-get install chromium`), the test extra's playwright, and axe-core
(`npm ci --prefix tests/browser`). Without them the tests are skipped with the reason; CI sets
JHAREPORT_REQUIRE_BROWSER=1, and then they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT
from test_html import with_pictures

import jhareport
from jhareport.html.site import build_site

CHROMIUM = Path(os.environ.get("JHAREPORT_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# Started as a test needs it: no sandbox for root, nothing that would reach the network.
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
LOCALES = ("en", "fr", "de")
PHONE, DESKTOP = 390, 1280


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set JHAREPORT_CHROMIUM)"
    if not AXE.is_file():
        return f"no axe-core at {AXE} (npm ci --prefix tests/browser)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = _missing()
    if why is not None:
        if os.environ.get("JHAREPORT_REQUIRE_BROWSER"):
            pytest.fail(f"the browser tests must run here: {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(FIXTURES, out, locales=LOCALES, allow_untranslated=True)
    return out


def axe(browser: Any, path: Path, *, scripts: bool = True) -> list[str]:
    """axe-core's violations on a page opened from the file system, one line each."""
    context = browser.new_context(java_script_enabled=scripts)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        if not scripts:  # axe is a script: let it in through the driver, the page's own off
            context.close()
            context = browser.new_context(java_script_enabled=True)
            page = context.new_page()
            page.goto(path.as_uri())
            page.evaluate("document.querySelectorAll('script').forEach(s => s.remove())")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    finally:
        context.close()
    return [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in result["violations"]]


@pytest.mark.parametrize("year", ["2017", "2019", "2023"])
@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_no_violation(browser: Any, site: Path, year: str, locale: str) -> None:
    pages = sorted((site / year / locale).glob("*.html"))
    assert len(pages) == 3
    found = {path.name: axe(browser, path) for path in pages}
    assert found == {path.name: [] for path in pages}


def test_axe_finds_no_violation_on_the_home_pages(browser: Any, site: Path) -> None:
    homes = sorted(site.glob("index*.html"))
    assert [p.name for p in homes] == ["index-de.html", "index-fr.html", "index.html"]
    assert {p.name: axe(browser, p) for p in homes} == {p.name: [] for p in homes}


def test_axe_finds_no_violation_with_logos_and_pictures(browser: Any, years: Path,
                                                      tmp_path: Path) -> None:
    """The cover's logos and a figure's picture (none of the fixtures has any), in a draft that
    says which pictures are missing: each shows, and axe finds nothing."""
    jhareport.build(with_pictures(years), tmp_path / "out", html=True, docx=False, draft=True)
    for name in ("final-report.html", "index.html"):
        path = tmp_path / "out" / "html" / name
        assert axe(browser, path) == [], name
        context = browser.new_context()
        page = context.new_page()
        page.goto(path.as_uri())
        shown = page.eval_on_selector_all("main img", "all => all.map(i => i.naturalWidth)")
        context.close()
        assert shown == ([400, 300, 1600] if name == "final-report.html" else [400, 300])


def test_the_scorecard_filters_by_agency_and_state(browser: Any, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "2019" / "en" / "scorecard-annex.html").as_uri())
    rows = page.locator("#scorecard tr.action")
    assert rows.count() == 189
    assert page.locator("#filter-count").inner_text() == "189 of 189 joint actions shown"
    page.select_option("#filter-agency", "EIGE")
    shown = page.locator("#scorecard tr.action:not([hidden])")
    eige = shown.count()
    assert 0 < eige < 189
    assert all("EIGE" in shown.nth(i).inner_text() or "All JHA agencies" in shown.nth(i).inner_text()
               for i in range(eige))
    page.select_option("#filter-state", "Done")
    both = page.locator("#scorecard tr.action:not([hidden])").count()
    assert 0 < both < eige
    assert page.locator("#filter-count").inner_text() == f"{both} of 189 joint actions shown"
    # a heading row stays only above actions shown
    for header in page.locator("#scorecard tr.group:not([hidden])").all():
        following = header.evaluate(
            "row => { for (let r = row.nextElementSibling; r; r = r.nextElementSibling) {"
            " if (r.classList.contains('action')) { if (!r.hidden) return true; }"
            " else if (r.classList.contains('group') && r.className <= row.className) break; }"
            " return false; }")
        assert following
    context.close()


def test_without_scripts_the_whole_annex_reads(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "2019" / "en" / "scorecard-annex.html").as_uri())
    assert not page.locator("#filters").is_visible()
    assert page.locator("#scorecard tr.action:visible").count() == 189
    context.close()


def test_print_hides_navigation_shows_addresses_keeps_figures_whole(browser: Any, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "2017" / "en" / "final-report.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator("nav.documents").is_visible()
    assert not page.locator("a.skip-link").is_visible()
    link = page.locator("#report a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    page.goto((site / "2023" / "en" / "final-report.html").as_uri())
    whole = "e => getComputedStyle(e).breakInside"
    assert page.locator("#relex-cooperation-instruments").evaluate(whole) == "avoid"
    # an annex's table repeats its heading row and column headings on each page
    head = page.locator("#empact-priorities thead")
    assert head.evaluate("h => getComputedStyle(h).display") == "table-header-group"
    page.goto((site / "2019" / "en" / "scorecard-annex.html").as_uri())
    assert page.locator("figure.chart-figure").evaluate(whole) == "avoid"
    context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_report_reads_on_a_phone_and_a_desktop(browser: Any, site: Path, width: int) -> None:
    """No page wider than the screen (a table may scroll within its own frame), and the text
    large enough to read."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name in ("final-report.html", "acronyms.html"):
        page.goto((site / "2023" / "en" / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        size = page.locator("#main p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
        assert size >= 16
    context.close()


# What the pictures of docs/pictures/ show: the top of the 2023 report, its list of events
# scrolled to the top, and its notes alone; and the chart of the 2019 scorecard annex (2023's
# report has none).
PICTURES = {"top": ("2023", "final-report", None), "table": ("2023", "final-report", "#timeline"),
            "chart": ("2019", "scorecard-annex", "figure.chart-figure"),
            "notes": ("2023", "final-report", "section.notes")}


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_pictures_of_the_reports(browser: Any, site: Path, width: int, tmp_path: Path) -> None:
    """The top, a table and the notes of the 2023 report and the chart of the 2019 scorecard
    annex, at a phone's and a desktop's width. With JHAREPORT_PICTURES=docs/pictures, they are
    kept there (html-top-phone.png…)."""
    keep = os.environ.get("JHAREPORT_PICTURES")
    folder = Path(keep) if keep else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800 if width == PHONE else 900})
    page = context.new_page()
    for what, (year, document, selector) in PICTURES.items():
        page.goto((site / year / "en" / f"{document}.html").as_uri())
        name = f"html-{what}-{'phone' if width == PHONE else 'desktop'}.png"
        if selector is None:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(folder / name))
        elif what == "table":
            place = page.locator(selector).first
            place.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.evaluate("window.scrollBy(0, -16)")
            page.screenshot(path=str(folder / name))
        else:
            page.locator(selector).first.screenshot(path=str(folder / name))
        assert (folder / name).stat().st_size > 10_000, name
    context.close()
