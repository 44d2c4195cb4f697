"""The floor: a true lower bound of any program that fills the scorecard-annex template with a
year's rows. The rows are read from JSON (made beforehand from the year's YAML, untimed), the
template's document.xml is rendered by one Jinja render (details as ready paragraphs, the filters
plain stand-ins), and the parts are zipped. No YAML, no XML tree, no check of the output.
`python benchmarks/floor.py ROWS.json OUT.docx`"""

from __future__ import annotations

import html
import json
import re
import sys
import zipfile
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

TEMPLATE = Path(__file__).resolve().parents[1] / "jhareport" / "templates" / "scorecard-annex.docx"

FILTERS = {
    "number": lambda value: f"{value:,}",
    "join_counts": lambda states: ", ".join(f"{s['count']} {s['label']}" for s in states),
    "agency": str,
    "translated": str,
    "state": lambda value: value or "",
    "agencies": lambda values, all_as="": ", ".join(values),
    "chart": lambda value: "",
    # the rows carry their count of lines, worked out when the JSON was made
    "lines": lambda detail, per_line=80: detail["lines"],
}


def rich(detail: dict[str, list[list[object]]], style: str = "Table Text") -> Markup:
    return Markup("".join(
        f'<w:p><w:pPr><w:pStyle w:val="{"TableListBullet" if bullet else "TableText"}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for bullet, line in detail["paragraphs"]))


def jinja_source(xml: str) -> str:
    """docxtpl's row and paragraph tags as plain Jinja: the element holding {%tr …%} or {{p …}}
    gives way to the tag (the built-in template has each tag in one run)."""
    for element in ("tr", "p"):
        xml = re.sub(rf"<w:{element}[ >](?:(?!<w:{element}[ >]).)*({{%|{{{{){element} "
                     rf"([^}}%]*(?:%}}|}}}})).*?</w:{element}>", r"\1 \2", xml, flags=re.DOTALL)
    # inside the tags, the characters XML escapes are Jinja's again (`lines(88) <= 36`)
    return re.sub(r"{[%{].*?[%}]}", lambda tag: html.unescape(tag.group(0)), xml, flags=re.DOTALL)


def main() -> None:
    rows, out = Path(sys.argv[1]), Path(sys.argv[2])
    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(FILTERS)
    environment.filters["rich"] = rich
    environment.globals["todo"] = lambda section: ""
    with zipfile.ZipFile(TEMPLATE) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    head, body = entries["word/document.xml"].decode("utf-8").split("?>", 1)
    context = json.loads(rows.read_bytes())
    document = environment.from_string(jinja_source(body)).render(context)
    entries["word/document.xml"] = (head + "?>" + document).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)


if __name__ == "__main__":
    main()
