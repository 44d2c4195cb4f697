"""The markup of record texts: what a report can show, and what is refused with its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jhareport.loading import load_year
from jhareport.markup import (
    Block,
    Footnote,
    FootnoteRef,
    ListKind,
    Markup,
    MarkupError,
    Span,
    _markdown_parser,
    _Walker,
    to_markup,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    text = Markup.parse("First paragraph,\nstill the first.\n\nSecond paragraph.\n")
    assert [b.text for b in text.blocks] == ["First paragraph, still the first.", "Second paragraph."]
    assert all(b.list_kind is None for b in text.blocks)
    assert str(text) == "First paragraph,\nstill the first.\n\nSecond paragraph."


def test_bullets_with_nested_levels() -> None:
    text = Markup.parse(
        "The survey had four categories:\n"
        "\n"
        "- EMAS registration\n"
        "- Agency headquarters\n"
        "  - in Malta\n"
        "    - in Valletta\n"
        "- Building management\n"
    )
    first, *items = text.blocks
    assert first.list_kind is None
    assert [(b.text, b.list_kind, b.level) for b in items] == [
        ("EMAS registration", ListKind.BULLET, 0),
        ("Agency headquarters", ListKind.BULLET, 0),
        ("in Malta", ListKind.BULLET, 1),
        ("in Valletta", ListKind.BULLET, 2),
        ("Building management", ListKind.BULLET, 0),
    ]
    assert len({b.list_id for b in items}) == 1  # one list, nested


def test_separate_numbered_lists_get_separate_list_ids() -> None:
    text = Markup.parse("1. one\n2. two\n\nBetween the lists.\n\n1. again\n2. and again\n")
    items = [b for b in text.blocks if b.list_kind is not None]
    assert [b.text for b in items] == ["one", "two", "again", "and again"]
    assert all(b.list_kind is ListKind.NUMBER for b in items)
    assert items[0].list_id == items[1].list_id
    assert items[2].list_id == items[3].list_id
    assert items[0].list_id != items[2].list_id


def test_a_bullet_list_then_a_numbered_list_are_two_lists() -> None:
    text = Markup.parse("- a\n- b\n\n1. x\n")
    kinds = [(b.text, b.list_kind) for b in text.blocks]
    assert kinds == [("a", ListKind.BULLET), ("b", ListKind.BULLET), ("x", ListKind.NUMBER)]
    assert text.blocks[0].list_id != text.blocks[2].list_id


def test_bullets_inside_a_numbered_item() -> None:
    text = Markup.parse("1. first\n   - detail\n2. second\n")
    assert [(b.text, b.list_kind, b.level) for b in text.blocks] == [
        ("first", ListKind.NUMBER, 0), ("detail", ListKind.BULLET, 1), ("second", ListKind.NUMBER, 0)]


def test_italics_bold_and_links() -> None:
    text = Markup.parse("The *Let's speak asylum* portal, **launched in 2023**, is "
                        "[online](https://euaa.europa.eu/lsa).")
    (block,) = text.blocks
    spans = [i for i in block.inlines if isinstance(i, Span)]
    assert block.text == "The Let's speak asylum portal, launched in 2023, is online."
    italic = [s.text for s in spans if s.italic]
    bold = [s.text for s in spans if s.bold]
    linked = [(s.text, s.link) for s in spans if s.link]
    assert italic == ["Let's speak asylum"]
    assert bold == ["launched in 2023"]
    assert linked == [("online", "https://euaa.europa.eu/lsa")]


def test_bold_italic_inside_a_list_item() -> None:
    (item,) = Markup.parse("- ***both***\n").blocks
    (span,) = item.inlines
    assert isinstance(span, Span) and span.bold and span.italic and span.text == "both"


def test_mail_links_are_allowed() -> None:
    (block,) = Markup.parse("Write to [the secretariat](mailto:jhaan@example.eu).").blocks
    assert any(isinstance(i, Span) and i.link == "mailto:jhaan@example.eu" for i in block.inlines)


def test_footnotes_are_numbered_in_order_of_reference_with_their_text() -> None:
    text = Markup.parse(
        "Nine agencies[^agencies] and five observers[^obs].\n"
        "\n"
        "[^obs]: DG HOME, DG JUST, EEAS, LIBE Secretariat, GSC.\n"
        "[^agencies]: CEPOL, EIGE, EMCDDA, EUAA, eu-LISA, Eurojust, Europol, FRA and Frontex.\n"
    )
    (block,) = text.blocks
    assert block.text == "Nine agencies and five observers."
    refs = [i.number for i in block.inlines if isinstance(i, FootnoteRef)]
    assert refs == [1, 2]
    # the mark follows the word it belongs to
    assert block.inlines[0] == Span("Nine agencies")
    assert block.inlines[1] == FootnoteRef(1)
    assert [(f.number, f.text) for f in text.footnotes] == [
        (1, "CEPOL, EIGE, EMCDDA, EUAA, eu-LISA, Eurojust, Europol, FRA and Frontex."),
        (2, "DG HOME, DG JUST, EEAS, LIBE Secretariat, GSC."),
    ]
    assert "LIBE Secretariat" in text.plain


def test_a_footnote_referred_to_twice_is_one_footnote() -> None:
    text = Markup.parse("One[^1] and again[^1].\n\n[^1]: Only once.\n")
    refs = [i.number for i in text.blocks[0].inlines if isinstance(i, FootnoteRef)]
    assert refs == [1, 1]
    assert [f.text for f in text.footnotes] == ["Only once."]


def test_footnote_text_keeps_its_formatting() -> None:
    text = Markup.parse("See[^1].\n\n[^1]: The *Charter* of 2000.\n")
    (note,) = text.footnotes
    spans = [i for b in note.blocks for i in b.inlines if isinstance(i, Span)]
    assert note.text == "The Charter of 2000."
    assert [s.text for s in spans if s.italic] == ["Charter"]


def test_no_break_spaces_become_spaces() -> None:
    assert Markup.parse("21\u00a0November").blocks[0].text == "21 November"


def test_empty_text_is_false_and_to_markup_keeps_parsed_text() -> None:
    assert not Markup.parse("")
    parsed = Markup.parse("Text.")
    assert parsed
    assert to_markup(parsed) is parsed
    assert to_markup("Text.") == parsed


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Intro.\n\n# A heading", r"a heading is not allowed in a text \(line 3 of the text\)"),
        ("Intro.\n\nA heading\n---------", r"a heading is not allowed in a text \(line 3 of the text\)"),
        ("Intro.\n\n    indented code", r"a code block is not allowed in a text \(line 3 of the text\)"),
        ("Intro.\n\n```\ncode\n```", r"a code block is not allowed in a text \(line 3 of the text\)"),
        ("> quoted", r"a quotation block is not allowed in a text \(line 1 of the text\)"),
        ("Above.\n\n---\n\nBelow.", r"a horizontal rule is not allowed in a text \(line 3 of the text\)"),
    ],
)
def test_blocks_the_markup_does_not_offer_are_refused_with_the_line(source: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message) as info:
        Markup.parse(source)
    assert info.value.line == int(message.split("line ")[1].split(" ")[0])


@pytest.mark.parametrize(
    ("source", "link", "line"),
    [
        ("See [the Joint Investigation Team](#).", "#", 1),
        ("Intro.\n\n- item\n- the [annex](annex.pdf)", "annex.pdf", 4),
        ("See [it](ftp://example.org/report).", "ftp://example.org/report", 1),
        ("See [it](www.europa.eu).", "www.europa.eu", 1),
    ],
)
def test_links_that_are_no_web_address_are_refused_with_the_line(source: str, link: str,
                                                                   line: int) -> None:
    message = f"the link {link!r} is not a web or mail address (line {line} of the text)"
    with pytest.raises(MarkupError, match=re.escape(message)) as info:
        Markup.parse(source)
    assert info.value.line == line


@pytest.mark.parametrize("source", ["See [it](file:///srv/report.docx).", "See [it](javascript:alert(1))."])
def test_links_markdown_it_drops_are_refused_too(source: str) -> None:
    with pytest.raises(MarkupError, match=r"not a web or mail address|not allowed"):
        Markup.parse(source)


def test_a_bad_link_on_the_second_line_of_a_paragraph_names_that_line() -> None:
    with pytest.raises(MarkupError, match=r"\(line 2 of the text\)"):
        Markup.parse("The first line of the paragraph\nand the [bad link](#) on the second.")


@pytest.mark.parametrize(
    ("source", "link", "line"),
    [
        ("See [it](file:///srv/report.docx).", "file:///srv/report.docx", 1),
        ("See [it](javascript:alert(1)).", "javascript:alert(1)", 1),
        ("Intro.\n\nSee <javascript:alert(1)> now.", "javascript:alert(1)", 3),
        ("See [the report][r].\n\n[r]: vbscript:run", "vbscript:run", 1),
        ("See [it](data:text/html;base64,AAAA).", "data:text/html;base64,AAAA", 1),
    ],
)
def test_unsafe_links_are_refused_with_the_link_and_the_line(source: str, link: str,
                                                            line: int) -> None:
    message = f"the link {link!r} is not a web or mail address (line {line} of the text)"
    with pytest.raises(MarkupError, match=re.escape(message)) as info:
        Markup.parse(source)
    assert info.value.line == line


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("First line,\nsecond line,\nthird with [a link](annex.pdf).",
         "the link 'annex.pdf' is not a web or mail address (line 3 of the text)"),
        ("Intro.\n\n- item\n- an item\n  with <u>HTML</u> on its second line",
         "HTML (<u>) is not allowed in a text (line 5 of the text)"),
        ("Hard break  \nthen ![an image](https://example.eu/x.png)",
         "an image is not allowed in a text (line 2 of the text)"),
    ],
)
def test_inline_problems_name_the_line_they_stand_on(source: str, message: str) -> None:
    with pytest.raises(MarkupError, match=re.escape(message)):
        Markup.parse(source)


def test_a_good_link_after_a_line_break_keeps_its_address() -> None:
    (block,) = Markup.parse("The first line\nand [the agency](https://euaa.europa.eu).").blocks
    assert block.text == "The first line and the agency."
    assert [i.link for i in block.inlines if isinstance(i, Span) and i.link] == [
        "https://euaa.europa.eu"]


def test_tables_are_refused() -> None:
    with pytest.raises(MarkupError, match=r"a table is not allowed in a text \(line 3 of the text\)"):
        Markup.parse("Intro.\n\n| agency | events |\n|---|---|\n| EUAA | 12 |\n")


def test_images_are_refused() -> None:
    with pytest.raises(MarkupError, match=r"an image is not allowed in a text \(line 3 of the text\)"):
        Markup.parse("Intro.\n\n![the network's logo](https://example.eu/logo.png)\n")


@pytest.mark.parametrize(
    ("source", "line"),
    [("The <u>Charter</u> of 2000.", 1), ("<p>Toolbox on Migration updated.</p>", 1),
     ("Intro.\n\n<div>\nblock\n</div>", 3)],
)
def test_html_is_refused_with_the_line(source: str, line: int) -> None:
    with pytest.raises(MarkupError, match=rf"HTML.* is not allowed in a text \(line {line} of the text\)"):
        Markup.parse(source)


def test_a_footnote_without_its_text_is_refused() -> None:
    with pytest.raises(MarkupError, match=r"footnote \[\^1\] has no text"):
        Markup.parse("Nine agencies[^1].")


# -- texts without Markdown take a shorter way: it must give what the parser gives -------------

_TRICKY = st.sampled_from(["\n", "\n\n", "  \n", " ", "  ", "1. ", "- ", "* ", "# ", "> ", "    ",
                           "---", "===", "*", "_", "**", "[", "]", "(", ")", "<", ">", "&amp;",
                           "\\", "`", "!", "|", "~", "\t", "\u00a0", "\u2003", ":", "[^1]",
                           "2)", "+", "=", "\r", "\x00", "É", "’"])
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


def _parsed(text: str) -> tuple[tuple[Block, ...], tuple[Footnote, ...]]:
    return _Walker({}).walk(_markdown_parser().parse(text))


def assert_read_as_the_parser_reads(text: str) -> None:
    """`Markup.parse` gives what markdown-it's reading gives, or refuses what it refuses."""
    try:
        expected = _parsed(text.strip("\n"))
    except MarkupError:
        with pytest.raises(MarkupError):
            Markup.parse(text)
        return
    markup = Markup.parse(text)
    assert (markup.blocks, markup.footnotes) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_TRICKY, _WORDS), max_size=12).map("".join))
def test_a_text_without_markdown_reads_as_the_parser_reads_it(text: str) -> None:
    assert_read_as_the_parser_reads(text)


# Lines mostly of words and bullets, now and then with what may make them more than that.
_LINE_WORDS = st.tuples(st.sampled_from("abZ'(\u00e9"),
                        st.text(alphabet=st.sampled_from("ab Z9.,'(\u00e9"), max_size=8)).map("".join)
_ODD_WORDS = st.text(alphabet=st.sampled_from("a 9.)-:=+&;#"), max_size=5)
_WORDS_LINE = st.tuples(st.sampled_from(["", "", "", "- ", "- ", "- ", "- ", "2019 "]), _LINE_WORDS)
_LINES = st.one_of(
    _WORDS_LINE, _WORDS_LINE, _WORDS_LINE, _WORDS_LINE,
    st.sampled_from(["", "  ", "   "]).map(lambda blank: (blank, "")),
    st.tuples(st.sampled_from(["", "- ", "  ", "-", "- - ", "-  ", "1. ", "12) ", "&amp; ",
                               "R&D ", "= ", "+ ", ": "]), _ODD_WORDS),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=8).map("\n".join))
def test_paragraphs_and_bullet_lists_read_as_the_parser_reads_them(text: str) -> None:
    assert_read_as_the_parser_reads(text)


def _texts(value: object) -> Iterator[Markup]:
    if isinstance(value, Markup):
        yield value
    elif attrs.has(type(value)):
        for attribute in attrs.fields(type(value)):
            yield from _texts(getattr(value, attribute.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("year", ["2017", "2019", "2020", "2023"])
def test_the_bundled_texts_read_as_the_parser_reads_them(year: str) -> None:
    texts = list(_texts(load_year(FIXTURES / year)))
    assert len(texts) > 3
    for markup in texts:
        assert (markup.blocks, markup.footnotes) == _parsed(markup.source), markup.source
