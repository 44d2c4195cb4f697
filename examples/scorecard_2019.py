"""Build the 2019 scorecard annex (and its acronyms) in French: the template's and the code's
words, dates and numbers in French; the actions, which the year has not translated, stay in
English, marked as English for screen readers."""

from pathlib import Path

import jhareport

HERE = Path(__file__).resolve().parent

records = jhareport.load_year(HERE.parent / "fixtures" / "2019", locale="fr")
assert records.scorecard is not None
print(f"{len(records.scorecard.actions)} actions in {records.scorecard.title}")
result = jhareport.build(records, HERE.parent / "out" / "2019-fr", locale="fr",
                         allow_untranslated=True)
print("wrote", ", ".join(str(p) for p in result.outputs))
