"""What a template keeper runs after restyling the templates in Word: lint them, build the year
with them as PDF, and picture the first pages to look at.

    python examples/check_templates.py [TEMPLATE_FOLDER]
"""

import sys
from pathlib import Path

import jhareport

HERE = Path(__file__).resolve().parent
templates = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "jhareport" / "templates"
out = HERE.parent / "out" / "template-check"

problems = 0
for kind in ("final-report", "scorecard-annex", "acronyms"):
    path = templates / f"{kind}.docx"
    if not path.is_file():
        continue
    for problem in jhareport.lint_template(path, kind):
        print(f"{path}: {problem}")
        problems += 1
if problems:
    sys.exit(f"{problems} problems: fix them in Word, then run this again")

try:
    jhareport.build(HERE.parent / "fixtures" / "2023", out, templates=templates, pdf=True)
except jhareport.BuildError as error:
    sys.exit(f"error: {error}")
for picture in jhareport.preview(out, last=3):
    print("look at", picture)
