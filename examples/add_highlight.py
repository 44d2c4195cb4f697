"""Add a highlight in code to the 2023 records and rebuild the report as a draft."""

from pathlib import Path

import attrs

import jhareport

HERE = Path(__file__).resolve().parent

records = jhareport.load_year(HERE.parent / "fixtures" / "2023")
extra = jhareport.Highlight(
    id="joint-training-on-fundamental-rights",
    title="CEPOL and FRA joint training on fundamental rights in policing",
    agencies=("CEPOL", "FRA"),
    body="CEPOL and FRA delivered a *joint* online module, followed by:\n\n"
         "- a webinar for trainers;\n- a handbook update.",
)
records = attrs.evolve(records, highlights=(*records.highlights, extra))
result = jhareport.build(records, HERE.parent / "out" / "2023-with-highlight", draft=True)
print("wrote", ", ".join(str(p) for p in result.outputs))
