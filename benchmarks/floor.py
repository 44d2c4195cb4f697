"""The floor: the scorecard-annex template's document.xml rendered by Jinja as one string, read
once by lxml, zipped with the template's other parts; details as paragraphs and bullets written
as strings. `python benchmarks/floor.py YEAR OUT.docx`"""

from __future__ import annotations

import html
import re
import sys
import zipfile
from pathlib import Path

import jinja2
from baseline_rows import FILTERS, context, paragraphs
from lxml import etree
from markupsafe import Markup, escape

TEMPLATE = Path(__file__).resolve().parents[1] / "jhareport" / "templates" / "scorecard-annex.docx"


def rich(text: str, style: str = "Table Text") -> Markup:
    return Markup("".join(
        f'<w:p><w:pPr><w:pStyle w:val="{"TableListBullet" if bullet else "TableText"}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for bullet, line in paragraphs(text)))


def jinja_source(xml: str) -> str:
    """docxtpl's row and paragraph tags as plain Jinja: the element holding {%tr …%} or {{p …}}
    gives way to the tag (the built-in template has each tag in one run)."""
    for element in ("tr", "p"):
        xml = re.sub(rf"<w:{element}[ >](?:(?!<w:{element}[ >]).)*({{%|{{{{){element} "
                     rf"([^}}%]*(?:%}}|}}}})).*?</w:{element}>", r"\1 \2", xml, flags=re.DOTALL)
    # inside the tags, the characters XML escapes are Jinja's again (`lines(88) <= 36`)
    return re.sub(r"{[%{].*?[%}]}", lambda tag: html.unescape(tag.group(0)), xml, flags=re.DOTALL)


def main() -> None:
    year, out = Path(sys.argv[1]), Path(sys.argv[2])
    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(FILTERS)
    environment.filters["rich"] = rich
    environment.globals["todo"] = lambda section: ""
    with zipfile.ZipFile(TEMPLATE) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    source = jinja_source(entries["word/document.xml"].decode("utf-8").split("?>", 1)[1])
    document = environment.from_string(source).render(context(year)).encode("utf-8")
    etree.fromstring(document)
    entries["word/document.xml"] = document
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)


if __name__ == "__main__":
    main()
