"""Build the 2019 scorecard annex (and its acronyms), with dates in French."""

from pathlib import Path

import jhareport

HERE = Path(__file__).resolve().parent

records = jhareport.load_year(HERE.parent / "fixtures" / "2019")
assert records.scorecard is not None
print(f"{len(records.scorecard.actions)} actions in {records.scorecard.title}")
result = jhareport.build(records, HERE.parent / "out" / "2019-fr", locale="fr")
print("wrote", ", ".join(str(p) for p in result.outputs))
