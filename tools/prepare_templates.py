"""Write jhareport/templates/prepared.json: the built-in templates' parts as docxtpl patches them.

A build with the built-in templates then reads their Jinja sources from there instead of loading
docxtpl and python-docx to patch them. Run it after changing a built-in template (a test fails
until then): `python tools/prepare_templates.py`.
"""

from __future__ import annotations

import json
from importlib.metadata import version

from jhareport.word.build import DEFAULT_TEMPLATES
from jhareport.word.template import PREPARED, prepare


def main() -> None:
    templates = sorted(DEFAULT_TEMPLATES.glob("**/*.docx"))
    sources = prepare(templates)
    text = json.dumps({"docxtpl": version("docxtpl"), "sources": dict(sorted(sources.items()))},
                      ensure_ascii=False, indent=0)
    PREPARED.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(sources)} parts of {len(templates)} templates to {PREPARED}")


if __name__ == "__main__":
    main()
