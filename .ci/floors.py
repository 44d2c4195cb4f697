"""Print a pip constraints file pinning every dependency of pyproject.toml (the package's and its
test extra's) to its floor, the version after `>=` (or its exact pin, `==`), so that CI can test the lowest versions the
package claims to work with. A dependency without a floor is an error: its floor could not be tested."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement


def floors(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins: list[str] = []
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        # an exact pin (the browser driver of the tests) is its own floor
        lowest = [s.version for s in requirement.specifier if s.operator in (">=", "==")]
        if len(lowest) != 1:
            raise SystemExit(f"{pyproject}: {text!r} has no floor (>=): its lowest version cannot be tested")
        pins.append(f"{requirement.name}=={lowest[0]}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.stdout.write("".join(f"{pin}\n" for pin in floors(root / "pyproject.toml")))
