"""The HTML edition, read as a reader and a browser would: headings as in the Word report, links
that land, notes linked both ways, tables with headers, charts whose colours read, languages
marked, the same bytes every time; and the site of every year."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import docx
import pytest
from conftest import FIXTURES, ROOT, give_figure_picture, office_available
from lxml import html as lxml_html

import jhareport
from jhareport.charts import Chart, empact_chart, empact_involvement, scorecard_chart
from jhareport.cli import main
from jhareport.html.site import build_site
from jhareport.html.svg import BACKGROUND
from jhareport.markup import Markup

LOCALES = ("en", "fr", "de")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(FIXTURES, out, locales=LOCALES, allow_untranslated=True)
    return out


def page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(path.read_bytes())


def report_headings(path: Path) -> list[tuple[int, str, str]]:
    """The report's headings: level (1 for a chapter), number, text."""
    found = []
    for heading in page(path).xpath("//*[@id='report']//*[self::h2 or self::h3 or self::h4 or "
                                    "self::h5 or self::h6]"):
        number = "".join(heading.xpath("./span[@class='heading-number']/text()"))
        text = re.sub(r"[ \t\n]+", " ", heading.text_content()).strip()
        found.append((int(heading.tag[1]) - 1, number, text.removeprefix(number).strip()))
    return found


def word_headings(path: Path) -> list[tuple[int, str]]:
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading "):
            found.append((int(name.removeprefix("Heading ")), paragraph.text))
    return found


@pytest.mark.parametrize("year", ["2017", "2023"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_headings_are_those_of_the_word_report(year: str, locale: str, tmp_path: Path) -> None:
    jhareport.build(FIXTURES / year, tmp_path, locale=locale, html=True, allow_untranslated=True)
    html = report_headings(tmp_path / "html" / "final-report.html")
    assert [(level, text) for level, _, text in html] == word_headings(tmp_path / "final-report.docx")
    assert len(page(tmp_path / "html" / "final-report.html").xpath("//h1")) == 1


@pytest.mark.skipif(not office_available(), reason="LibreOffice is not installed")
@pytest.mark.parametrize("year", ["2017", "2023"])
def test_the_heading_numbers_are_those_of_the_pdf(year: str, tmp_path: Path) -> None:
    """The numbers Word (here LibreOffice) gives the report's headings, read in the PDF's
    bookmarks: "6.5.2. Meeting on Reporting Methodologies, 5 July 2023"."""
    import pikepdf

    jhareport.build(FIXTURES / year, tmp_path, pdf=True, html=True)
    bookmarks: list[tuple[int, str]] = []

    def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            # a name such as EUAA-FRA keeps its hyphen on one line in Word: a non-breaking
            # hyphen, which the reader sees as the page's hyphen
            bookmarks.append((level, item.title.replace("\u2011", "-")))
            walk(item.children, level + 1)

    with pikepdf.open(tmp_path / "final-report.pdf") as pdf, pdf.open_outline() as outline:
        walk(outline.root, 1)
    html = [(level, f"{number} {text}" if number else text)
            for level, number, text in report_headings(tmp_path / "html" / "final-report.html")]
    assert html == bookmarks
    if year == "2023":
        assert (3, "6.5.2. Meeting on Reporting Methodologies, 5 July 2023") in html


def test_ids_stay_the_same_and_every_link_lands(site: Path) -> None:
    """Every link of every page of the site goes to a file of the site, and to an element of it
    when it names one; the headings' ids are the records' and sections' ids."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 30  # 3 home pages; 3 years in 3 languages, each 3 pages
    ids = {path: set(page(path).xpath("//@id")) for path in pages}
    broken = []
    for path in pages:
        for href in page(path).xpath("//a/@href | //link/@href"):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href} (no such file)")
            elif parts.fragment and parts.fragment not in ids.get(target, set()):
                broken.append(f"{path.relative_to(site)}: {href} (no such id)")
    assert broken == []
    report = site / "2023" / "en" / "final-report.html"
    assert {"meetings", "heads-of-agencies", "timeline"} <= ids[report]
    french = site / "2023" / "fr" / "final-report.html"
    assert "heads-of-agencies" in ids[french]  # the same anchor whatever the language


def test_notes_are_linked_both_ways(site: Path) -> None:
    root = page(site / "2023" / "en" / "final-report.html")
    marks = root.xpath("//sup[@class='note-mark']/a")
    notes = root.xpath("//section[@class='notes']//li")
    assert marks and len(notes) == len({m.get("href") for m in marks})
    for number, note in enumerate(notes, start=1):
        assert note.get("id") == f"note-{number}"
        back = note.xpath("./a[@class='note-back']/@href")[0]
        mark = root.get_element_by_id(back.removeprefix("#"))
        assert mark.get("href") == f"#note-{number}"
        assert mark.text_content().strip().endswith(str(number))


def test_tables_have_captions_and_header_cells(site: Path) -> None:
    for path in (site / "2023" / "en" / "final-report.html", site / "2019" / "en" /
                 "scorecard-annex.html", site / "2023" / "en" / "acronyms.html"):
        tables = page(path).xpath("//table")
        assert tables, path
        for table in tables:
            assert table.xpath("./caption") or table.get("aria-labelledby"), path
            assert all(th.get("scope") for th in table.xpath(".//th")), path
    annex = page(site / "2019" / "en" / "scorecard-annex.html")
    actions = annex.xpath("//table[@id='scorecard']//tr[@class='action']")
    assert len(actions) == 189
    groups = [" ".join(th.text_content().split())
              for th in annex.xpath("//table[@id='scorecard']//tr[contains(@class, 'group')]/th")]
    assert groups[0].startswith("A. ") and groups[1].startswith("1. ")
    numbers = annex.xpath("//td[@class='number']")
    assert numbers and all(n.text.strip().isdigit() for n in numbers)


@pytest.fixture(scope="module")
def empact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The final report of 2023 with the standard outline, whose annex shows the EMPACT plan
    2023 links, with its table and chart (2023's own outline has neither)."""
    out = tmp_path_factory.mktemp("empact")
    records = attrs.evolve(jhareport.load_year(FIXTURES / "2023"), outline=None)
    jhareport.build(records, out, html=True, docx=False)
    return out / "html" / "final-report.html"


def _chart_figure(root: lxml_html.HtmlElement, chart: Chart) -> lxml_html.HtmlElement:
    """The page's chart figure, checked to be an SVG image named by the chart's title and
    described by its description, its title the caption."""
    figure = root.xpath("//figure[@class='chart-figure']")[0]
    svg = figure.xpath(".//*[local-name()='svg']")[0]
    assert svg.get("role") == "img"
    assert figure.xpath("./figcaption")[0].text_content() == chart.title
    assert svg.xpath("./*[local-name()='desc']")[0].text == chart.description
    labelled = svg.get("aria-labelledby").split()
    assert [root.get_element_by_id(i).tag for i in labelled] == ["title", "desc"]
    return figure


def test_a_chart_is_svg_with_its_title_description_and_figures(site: Path, empact: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2019")
    assert records.scorecard is not None
    annex = page(site / "2019" / "en" / "scorecard-annex.html")
    figure = _chart_figure(annex, scorecard_chart(records.scorecard, records.year.as_of))
    rows = figure.xpath(".//table[@class='chart-data']/tbody/tr")
    assert [r.xpath("./th")[0].text for r in rows][:3] == ["CEPOL", "EIGE", "EMCDDA"]
    # the EMPACT chart's figures are the table above it, not a second table
    records = jhareport.load_year(FIXTURES / "2023")
    report = page(empact)
    figure = _chart_figure(report, empact_chart(empact_involvement(records.action_plans),
                                                records.year.as_of))
    assert figure.xpath(".//table") == []
    above = [" ".join(th.text_content().split())
             for th in figure.xpath("preceding::table[1]/tbody/tr/th")]
    assert len(above) == 5 and above[-1] == "European Border and Coast Guard Agency (Frontex)"


def test_the_annexes_of_2023_as_published(site: Path) -> None:
    """11.1: the RELEX figure by its caption, with its legend and its notes (1) to (7); 11.2:
    Table 1 under a heading across its columns, then the agencies' figures, under the same
    heading as the table."""
    root = page(site / "2023" / "en" / "final-report.html")
    relex = root.get_element_by_id("relex-cooperation-instruments")
    assert relex.tag == "figure" and relex.xpath("preceding::h3[1]")[0].text_content() == (
        "11.1. Relex Infographics")
    assert relex.xpath("./figcaption/text()") == ["Cooperation instruments with third countries¹"]
    legend = relex.xpath("./ul[@class='legend']/li/text()")
    assert len(legend) == 8 and legend[0] == "Cooperation agreement"
    notes = relex.xpath("./ol[@class='figure-notes']/li/text()")
    assert len(notes) == 7 and notes[1].startswith("For Frontex, States participating")
    # a final build lists the figures the year has no picture of by their captions alone
    assert relex.xpath(".//img") == [] and "to be completed" not in relex.text_content()

    table = root.get_element_by_id("empact-priorities")
    assert table.xpath("preceding::h3[1]")[0].text_content() == "11.2. EMPACT Infographics"
    assert table.xpath("./caption/text()") == [
        "Table 1. EU COM AND EU AGENCIES INVOLVEMENT IN OAPs 2023"]
    across, columns = table.xpath("./thead/tr")
    [heading] = across.xpath("./th")
    assert heading.text == "Priorities in EMPACT 2022-2025"
    assert (heading.get("scope"), heading.get("colspan")) == ("colgroup", "4")
    assert table.xpath("./colgroup/@span") == ["4"]
    assert columns.xpath("./th/text()") == ["No.", "Name", "Abbreviation", "OAP No."]
    assert all(th.get("scope") == "col" for th in columns.xpath("./th"))
    rows = table.xpath("./tbody/tr")
    assert len(rows) == 15
    assert rows[5].xpath("./td/text()") == ["6", "Cannabis, Cocaine and Heroin", "CCH", "6.1"]
    after = table.xpath("following::*[self::figure or self::h2 or self::h3]")
    captions = [e.xpath("./figcaption/text()")[0] for e in after[:6]]
    assert captions == ["Figure 1. EUROPOL", "Figure 2. EUROJUST", "Figure 3. FRONTEX",
                        "Figure 4. CEPOL", "Figure 5. eu-LISA", "Figure 5. EMCDDA"]
    assert after[6].get("id") == "notes-heading"  # no heading of their own: still 11.2


def test_french_2023_is_all_french_and_german_marks_what_is_left_in_english(site: Path) -> None:
    french = page(site / "2023" / "fr" / "final-report.html")
    assert french.xpath("//main//*[@lang]") == []
    relex = french.get_element_by_id("relex-cooperation-instruments")
    assert relex.xpath("./figcaption/text()") == ["Instruments de coopération avec les pays tiers¹"]
    german = page(site / "2023" / "de" / "final-report.html")
    relex = german.get_element_by_id("relex-cooperation-instruments")
    assert relex.xpath("./figcaption/span[@lang='en']/text()") == [
        "Cooperation instruments with third countries¹"]
    assert german.xpath("//main//*[@lang='en']")


def test_priorities_are_a_numbered_list_and_other_activities_show_dates_and_details(
        site: Path) -> None:
    root = page(site / "2023" / "en" / "final-report.html")
    priorities = root.get_element_by_id("priorities").getparent()
    assert priorities.xpath(".//h3") == []
    items = priorities.xpath("./ol")[-1].xpath("./li")
    assert [" ".join(item.text.split()) for item in items] == [
        "Digitalisation and innovation in the Justice and Home Affairs area",
        "Security, resilience and data protection",
        "Social responsibility and Green Deal for JHA Agencies",
        "Identifying key JHA priorities to support the work of incoming Commissioners"]
    assert items[0].xpath("./p")[0].text.startswith("Activities will focus on the potential")
    other = root.get_element_by_id("other-activities").getparent()
    first = other.xpath("./h3")[0]
    assert " ".join(first.text_content().split()) == (
        "7.1. Annual exchange of JHA Agencies on the charter of Fundamental Rights of the "
        "European Union")  # as published: the date stands in the facts line, as in Word
    details = first.getnext()
    assert details.get("class") == "details"
    assert details.text_content().startswith("13 December 2023. Participants: FRA, EUAA, Frontex")


def _png(size: tuple[int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 56, 100)).save(buffer, "PNG")
    return buffer.getvalue()


def with_pictures(years: Path) -> Path:
    """The copy of 2023 in `years` with the network's and the chair's logos, and a picture of
    its RELEX figure."""
    folder = years / "2023"
    (folder / "logos").mkdir()
    (folder / "logos" / "jhaan.png").write_bytes(_png((400, 160)))
    (folder / "logos" / "euaa.png").write_bytes(_png((300, 300)))
    with (folder / "year.yaml").open("a", encoding="utf-8") as year:
        year.write("network_logo: {file: logos/jhaan.png, alt: Logo of the network}\n"
                   "chair_logo: {file: logos/euaa.png, alt: Logo of the EUAA}\n")
    give_figure_picture(folder, "Cooperation instruments with third countries¹", "relex.png",
                        "Map of the cooperation instruments", _png((1600, 900)))
    return folder


def test_figures_pictures_and_cover_logos_with_their_alternative_text(
        years: Path, tmp_path: Path) -> None:
    """A figure's picture under its caption, the cover's logos on the report's and the year's
    pages, each an image with its alternative text, kept as a file of the edition; a draft says
    which figures have no picture yet."""
    folder = with_pictures(years)
    jhareport.build(folder, tmp_path / "one", html=True, docx=False, draft=True)
    html = tmp_path / "one" / "html"
    root = page(html / "final-report.html")
    relex = root.get_element_by_id("relex-cooperation-instruments")
    [image] = relex.xpath("./img")
    assert image.getprevious().tag == "figcaption"
    assert image.get("alt") == "Map of the cooperation instruments"
    assert (image.get("width"), image.get("height")) == ("1600", "900")
    assert (html / image.get("src")).read_bytes() == (folder / "relex.png").read_bytes()
    assert "to be completed" not in relex.text_content()
    europol = root.get_element_by_id("empact-europol")
    assert europol.xpath(".//mark/text()") == ["[to be completed: picture: Figure 1. EUROPOL]"]
    for name in ("final-report.html", "index.html"):
        logos = page(html / name).xpath("//main//p[@class='logos']/img")
        assert [(i.get("alt"), i.get("src")) for i in logos] == [
            ("Logo of the network", "pictures/jhaan.png"), ("Logo of the EUAA", "pictures/euaa.png")]
    assert (html / "pictures" / "euaa.png").read_bytes() == (
        folder / "logos" / "euaa.png").read_bytes()
    jhareport.build(folder, tmp_path / "fr", html=True, docx=False, draft=True, locale="fr",
                    allow_untranslated=True)
    europol = page(tmp_path / "fr" / "html" / "final-report.html").get_element_by_id(
        "empact-europol")
    assert europol.xpath(".//mark/text()") == [
        "[à compléter\u202f: image\u202f: Figure 1. EUROPOL]"]
    jhareport.build(folder, tmp_path / "two", html=True, docx=False, draft=True)
    assert sorted(p.relative_to(html) for p in html.rglob("*")) == sorted(
        p.relative_to(tmp_path / "two" / "html") for p in (tmp_path / "two" / "html").rglob("*"))
    for path in html.rglob("*.*"):
        assert path.read_bytes() == (tmp_path / "two" / "html" / path.relative_to(html)).read_bytes()


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2.1's contrast ratio of two colours."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("where", ["empact", "2019/fr/scorecard-annex.html"])
def test_chart_colours_have_enough_contrast(site: Path, where: str,
                                            request: pytest.FixtureRequest) -> None:
    """Text 4.5:1 against what lies behind it (a bar or the background), each bar 3:1 against
    the background by its fill or its outline (WCAG 2.1 1.4.3 and 1.4.11): the EMPACT chart's
    stacked bars (the standard outline's annex) and the scorecard's."""
    path = request.getfixturevalue("empact") if where == "empact" else site / where
    svg = page(path).xpath("//*[local-name()='svg']")[0]
    bars = [r for r in svg.xpath("./*[local-name()='rect']") if r.get("x") is not None]
    texts = svg.xpath("./*[local-name()='text']")
    assert bars and texts

    def behind(x: float, y: float) -> str:
        for bar in bars:
            left, top = float(bar.get("x")), float(bar.get("y"))
            if left <= x <= left + float(bar.get("width")) and top <= y <= top + float(bar.get("height")):
                return str(bar.get("fill"))
        return BACKGROUND

    for text in texts:
        anchor = text.get("text-anchor")
        x = float(text.get("x")) + (0 if anchor == "middle" else -2 if anchor == "end" else 2)
        ratio = contrast(text.get("fill"), behind(x, float(text.get("y"))))
        assert ratio >= 4.5, (text.text, ratio)
    for bar in bars:
        best = max(contrast(bar.get(k), BACKGROUND) for k in ("fill", "stroke") if bar.get(k))
        assert best >= 3, (bar.get("fill"), best)


def test_the_page_and_passages_in_another_language_say_so(tmp_path: Path) -> None:
    class English(str):
        """A record's text left in English, as a French build marks it."""

        lang = "en"

    @attrs.frozen
    class EnglishText(Markup):
        lang: str = "en"

    records = jhareport.load_year(FIXTURES / "2023")  # taken as French but for the one below
    first = records.highlights[0]
    assert first.body is not None
    body = EnglishText(first.body.source, first.body.blocks, first.body.footnotes)
    marked = attrs.evolve(first, title=English(first.title), body=body)
    records = attrs.evolve(records, highlights=(marked, *records.highlights[1:]))
    jhareport.build(records, tmp_path, locale="fr", html=True, docx=False, allow_untranslated=True)
    root = page(tmp_path / "html" / "final-report.html")
    assert root.get("lang") == "fr"
    heading = root.xpath(f"//*[@id='{first.id}']")[0]
    assert heading.get("lang") == "en" and first.title in heading.text_content()
    text = heading.getnext().getnext()  # after the agencies' line
    assert text.tag == "div" and text.get("lang") == "en"
    assert text.text_content().startswith(first.body.blocks[0].text[:40])
    timeline = root.xpath("//table//td/span[@lang='en']")
    assert timeline == []  # the other texts are not marked


def test_the_sandbox_limits_hold_in_html_templates(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "index.html").write_text("{% for i in range(100000) %}{% for j in range(100) %}"
                                    "{% endfor %}{% endfor %}", encoding="utf-8")
    with pytest.raises(jhareport.InputError, match=r"index.html, line 1: .*loop iterations"):
        jhareport.build(FIXTURES / "2023", tmp_path / "out", templates=own, html=True, docx=False)
    assert not (tmp_path / "out").exists()


def test_same_bytes_every_build(tmp_path: Path) -> None:
    for run in ("one", "two"):
        jhareport.build(FIXTURES / "2023", tmp_path / run, html=True, docx=False)
    for path in (tmp_path / "one" / "html").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / "html" / path.name).read_bytes(), path.name


def test_nothing_is_fetched_from_outside(site: Path) -> None:
    for path in site.rglob("*.html"):
        root = page(path)
        sources = root.xpath("//script/@src | //img/@src | //link[@rel='stylesheet']/@href | "
                             "//iframe/@src | //source/@src")
        assert all(not urlsplit(s).scheme and not s.startswith("//") for s in sources), path
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(|@import", css.read_text(encoding="utf-8")), css


def test_html_alone_lists_the_acronyms_word_lists(tmp_path: Path) -> None:
    for year in ("2017", "2023"):
        jhareport.build(FIXTURES / year, tmp_path / year / "word")
        jhareport.build(FIXTURES / year, tmp_path / year / "web", html=True, docx=False)
        table = docx.Document(str(tmp_path / year / "word" / "acronyms.docx")).tables[0]
        in_word = [row.cells[0].text for row in table.rows[1:]]
        in_html = page(tmp_path / year / "web" / "html" / "acronyms.html").xpath(
            "//table[@class='acronyms']/tbody/tr/th/text()")
        assert in_html == in_word and in_word


def test_the_pages_link_to_the_word_and_pdf_versions_built(tmp_path: Path) -> None:
    jhareport.build(FIXTURES / "2023", tmp_path, html=True)
    links = page(tmp_path / "html" / "final-report.html").xpath("//footer//a/@href")
    assert links == ["../final-report.docx"]
    jhareport.build(FIXTURES / "2023", tmp_path / "alone", html=True, docx=False)
    assert page(tmp_path / "alone" / "html" / "final-report.html").xpath("//footer//a") == []
    assert not list((tmp_path / "alone").glob("*.docx"))


def test_the_site_lists_every_year_and_leaves_out_what_cannot_be_published(site: Path) -> None:
    home = page(site / "index.html")
    rows = {row.xpath("./th")[0].text: row for row in home.xpath("//table[@class='years']/tbody/tr")}
    assert list(rows) == ["2017", "2019", "2020", "2023"]
    assert rows["2023"].xpath(".//a/@href") == [f"2023/{loc}/index.html" for loc in LOCALES]
    assert "EUAA" in rows["2023"].text_content()
    assert rows["2020"].xpath(".//a") == [] and "Not published yet" in rows["2020"].text_content()
    assert page(site / "index-fr.html").get("lang") == "fr"
    french = page(site / "2023" / "fr" / "final-report.html")
    assert french.xpath("//nav[@class='languages']//a[@aria-current='page']/text()") == ["Français"]
    assert french.xpath("//nav[@class='years']//a/text()") == ["2017", "2019", "2023"]
    assert not (site / "2020").exists()


def test_the_command_builds_html_and_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(FIXTURES / "2019"), "--out", str(tmp_path / "y"), "--html-only",
                 "--locale", "de", "--allow-untranslated"]) == 0
    assert "html/scorecard-annex.html" in capsys.readouterr().out
    assert page(tmp_path / "y" / "html" / "scorecard-annex.html").get("lang") == "de"
    assert main(["site", str(FIXTURES), "--out", str(tmp_path / "s"), "--locale", "en"]) == 0
    captured = capsys.readouterr()
    assert "note: 2020 left out: the final report lacks: chair" in captured.err
    assert "2023 (English)" in captured.out
    assert main(["site", str(FIXTURES), "--out", str(tmp_path / "s2"), "--locale", "xx"]) == 2
    assert "unknown locale 'xx'" in capsys.readouterr().err
    # a language whose texts are not all translated is left out of a year, and said
    assert main(["site", str(FIXTURES), "--out", str(tmp_path / "s3"), "--locale", "en",
                 "--locale", "de"]) == 0
    captured = capsys.readouterr()
    assert "note: 2019 in Deutsch left out: " in captured.err
    assert not (tmp_path / "s3" / "2019" / "de").exists()
    assert (tmp_path / "s3" / "2019" / "en" / "scorecard-annex.html").is_file()
    assert main(["build", str(FIXTURES / "2023"), "--out", str(tmp_path / "z"), "--html-only",
                 "--pdf"]) == 2
    assert "PDFs are made from the Word documents" in capsys.readouterr().err


def test_an_agencys_own_html_templates_and_stylesheet(tmp_path: Path) -> None:
    own = tmp_path / "own"
    (own / "fr").mkdir(parents=True)
    (own / "style.css").write_text("body { color: #000; }\n", encoding="utf-8")
    (own / "fr" / "acronyms.html").write_text(
        '{% extends "layout.html" %}{% block main %}<h1>Nos acronymes</h1>'
        "<ul>{% for a in acronyms %}<li>{{ a.short }}</li>{% endfor %}</ul>{% endblock %}",
        encoding="utf-8")
    jhareport.build(FIXTURES / "2023", tmp_path / "fr", locale="fr", templates=own, html=True,
                    docx=False, allow_untranslated=True)
    jhareport.build(FIXTURES / "2023", tmp_path / "en", templates=own, html=True, docx=False)
    assert (tmp_path / "fr" / "html" / "style.css").read_text() == "body { color: #000; }\n"
    assert page(tmp_path / "fr" / "html" / "acronyms.html").xpath("//h1/text()") == ["Nos acronymes"]
    assert page(tmp_path / "en" / "html" / "acronyms.html").xpath("//h1/text()") == [
        "List of acronyms 2023"]


def test_a_failing_html_template_is_named_with_its_line_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "acronyms.html").write_text('{% extends "layout.html" %}{% block main %}\n\n'
                                       "{{ year.__class__ }}{% endblock %}", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "2023"), "--out", str(out), "--html",
                 "--templates", str(own)]) == 2
    error = capsys.readouterr().err
    assert f"{own / 'acronyms.html'}, line 3:" in error and "Traceback" not in error
    assert not out.exists()
    (own / "acronyms.html").write_text("{% include '../../etc/passwd' %}", encoding="utf-8")
    with pytest.raises(jhareport.InputError, match="not there"):
        jhareport.build(FIXTURES / "2023", out, templates=own, html=True)


def test_record_texts_are_escaped(tmp_path: Path) -> None:
    records = jhareport.load_year(FIXTURES / "2023")
    first = records.highlights[0]
    hostile = attrs.evolve(first, title='<script>alert("x")</script> & co')
    records = attrs.evolve(records, highlights=(hostile, *records.highlights[1:]))
    jhareport.build(records, tmp_path, html=True, docx=False)
    text = (tmp_path / "html" / "final-report.html").read_text(encoding="utf-8")
    assert '<script>alert("x")' not in text and "&lt;script&gt;" in text


def test_the_templates_and_stylesheet_are_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True,
                   timeout=300)
    wheel = next(tmp_path.glob("jhareport-*.whl"))
    with zipfile.ZipFile(wheel) as package:
        names = set(package.namelist())
    for name in ("layout.html", "final-report.html", "scorecard-annex.html", "acronyms.html",
                 "index.html", "notes.html", "site.html", "style.css"):
        assert f"jhareport/html/templates/{name}" in names


def test_a_year_with_wrong_records_is_left_out_of_the_site(years: Path, tmp_path: Path) -> None:
    meetings = years / "2023" / "meetings.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8").replace("format:", "formt:", 1),
                        encoding="utf-8")
    result = jhareport.build_site(years, tmp_path / "site")
    assert [(y.year, bool(y.editions)) for y in result.years] == [(2019, True), (2023, False)]
    assert any(n.startswith("2023 left out: its records have") for n in result.notes)
    assert (tmp_path / "site" / "2019" / "en" / "scorecard-annex.html").is_file()
    with pytest.raises(jhareport.SiteError, match="no year folder"):
        jhareport.build_site(years / "2019", tmp_path / "other")
    assert not (tmp_path / "other").exists()
