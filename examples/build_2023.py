"""Build the 2023 final report and list of acronyms from the bundled fixtures."""

from pathlib import Path

import jhareport

HERE = Path(__file__).resolve().parent

result = jhareport.build(HERE.parent / "fixtures" / "2023", HERE.parent / "out" / "2023",
                         progress=print)
for path in result.outputs:
    print("wrote", path)
for warning in result.warnings:
    print("warning:", warning)
