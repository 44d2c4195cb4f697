"""The plain docxtpl script: a year's scorecard rows into the scorecard-annex template, details
as RichTextParagraph paragraphs and bullets. `python benchmarks/plain_docxtpl.py YEAR OUT.docx`"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from baseline_rows import FILTERS, context, paragraphs
from docxtpl import DocxTemplate, RichText, RichTextParagraph

TEMPLATE = Path(__file__).resolve().parents[1] / "jhareport" / "templates" / "scorecard-annex.docx"


def rich(text: str, style: str = "Table Text") -> RichTextParagraph:
    paragraph = RichTextParagraph()
    for bullet, line in paragraphs(text):
        paragraph.add(RichText(line), parastyle="TableListBullet" if bullet else "TableText")
    return paragraph


def main() -> None:
    year, out = Path(sys.argv[1]), Path(sys.argv[2])
    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(FILTERS)
    environment.filters["rich"] = rich
    environment.globals["todo"] = lambda section: ""
    template = DocxTemplate(str(TEMPLATE))
    template.render(context(year), environment, autoescape=True)
    template.save(str(out))


if __name__ == "__main__":
    main()
