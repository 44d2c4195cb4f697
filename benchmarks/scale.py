"""How the build scales: `python benchmarks/scale.py` (add `--quick` while iterating).

Years of 1,000 to 50,000 scorecard actions are made by cycling the real rows of fixtures/2019. For
each, three programs run in fresh processes, interleaved: the whole `jhareport build` command,
a plain docxtpl script rendering the same rows into the same scorecard-annex template
(plain_docxtpl.py), and the floor: Jinja rendering document.xml as one string, read once by
lxml, zipped (floor.py). Each is timed (wall clock, best of the repeats) with its peak memory
(the child's maxrss), its modules' bytecode compiled beforehand by an untimed warm-up, as an
installed program's is. Then the cold builds of fixtures/2023 and fixtures/2019, and the import of
jhareport against docxtpl, Jinja2 and attrs. The table goes to benchmarks/RESULTS.md with the
machine it ran on. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures"
SIZES = (1_000, 5_000, 20_000, 50_000)
QUICK_SIZES = (1_000, 5_000)
PROGRAMS = ("jhareport", "plain docxtpl", "floor")


def make_year(folder: Path, actions: int) -> Path:
    """A copy of fixtures/2019 whose scorecard holds `actions` actions, its rows cycled."""
    year = folder / f"actions-{actions}"
    (year / "scorecard").mkdir(parents=True)
    shutil.copy(FIXTURES / "2019" / "year.yaml", year)
    shutil.copy(FIXTURES / "2019" / "scorecard" / "structure.yaml", year / "scorecard")
    if not (folder / "glossary.yaml").exists():
        shutil.copy(FIXTURES / "glossary.yaml", folder)
    text = (FIXTURES / "2019" / "scorecard" / "actions.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    items = re.split(r"\n(?=- )", "\n".join(lines).strip())
    chosen = (items[index % len(items)] for index in range(actions))
    (year / "scorecard" / "actions.yaml").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return year


def command(program: str, year: Path, out: Path) -> list[str]:
    if program == "jhareport":
        return [sys.executable, "-m", "jhareport", "build", str(year), "--out", str(out)]
    script = "plain_docxtpl.py" if program == "plain docxtpl" else "floor.py"
    return [sys.executable, str(HERE / script), str(year), str(out / "scorecard-annex.docx")]


# The children run as installed programs do: with their modules' bytecode, compiled once by the
# warm-up into a cache of the run (so that no program pays for compiling its source, whatever
# PYTHONDONTWRITEBYTECODE says here, and nothing is written beside the sources).
ENVIRONMENT = {name: value for name, value in os.environ.items()
               if name != "PYTHONDONTWRITEBYTECODE"}


def run(arguments: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak resident memory (MB) of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=ENVIRONMENT)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{errors}")
    return elapsed, usage.ru_maxrss / 1024


def machine() -> str:
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if found:
            model = found.group(1).strip()
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"only {', '.join(map(str, QUICK_SIZES))} actions, one run each")
    parser.add_argument("--sizes", type=int, nargs="*", help="numbers of actions")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write RESULTS.md")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        for size in args.sizes:
            make_year(args.make, size)
        return
    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    repeat = args.repeat or (1 if args.quick else 3)

    times: dict[tuple[int, str], list[float]] = {}
    peaks: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-scale-") as temporary:
        folder = Path(temporary)
        # made in a child process: a child's peak memory counts from the size of its parent
        # when it was forked, which must stay small
        subprocess.run([sys.executable, __file__, "--make", str(folder), "--sizes", *map(str, sizes)],
                       check=True)
        years = {size: folder / f"actions-{size}" for size in sizes}
        ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
        warm = folder / "warm-up"
        warm.mkdir()
        for program in PROGRAMS:  # the warm-up: every program's modules compiled, untimed
            run(command(program, years[sizes[0]], warm))
        run([sys.executable, "-c", "import jhareport, docxtpl, jinja2, attrs"])
        for round_ in range(repeat):
            for size in sizes:
                for program in PROGRAMS:
                    out = folder / f"out-{program.replace(' ', '-')}-{size}"
                    out.mkdir(exist_ok=True)
                    seconds, peak = run(command(program, years[size], out))
                    times.setdefault((size, program), []).append(seconds)
                    peaks[size, program] = max(peaks.get((size, program), 0.0), peak)
                    print(f"round {round_ + 1}: {size:>6} actions, {program:14} {seconds:7.2f} s "
                          f"{peak:6.0f} MB", file=sys.stderr)
        cold: dict[str, list[float]] = {}
        imports: dict[str, list[float]] = {}
        for _ in range(max(repeat, 3)):
            for year in ("2023", "2019"):
                out = folder / f"cold-{year}"
                seconds, _ = run([sys.executable, "-m", "jhareport", "build",
                                  str(FIXTURES / year), "--out", str(out)])
                cold.setdefault(year, []).append(seconds)
            for name, code in (("import jhareport", "import jhareport"),
                               ("import docxtpl, jinja2, attrs", "import docxtpl, jinja2, attrs")):
                seconds, _ = run([sys.executable, "-c", code])
                imports.setdefault(name, []).append(seconds)

    best = {key: min(values) for key, values in times.items()}
    lines = [
        "# Scaling benchmark",
        "",
        f"`python benchmarks/scale.py{' --quick' if args.quick else ''}`, {date.today()}, on "
        f"{machine()}. Each figure is the whole program in a fresh process: the best wall-clock "
        f"time of {repeat} interleaved run(s), and the highest peak memory (maxrss).",
        "",
        "| actions | jhareport | plain docxtpl | floor | jhareport ÷ docxtpl | jhareport ÷ floor "
        "| µs per row (jhareport / docxtpl / floor) | peak MB (jhareport / docxtpl / floor) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for size in sizes:
        ours, plain, floor = (best[size, p] for p in PROGRAMS)
        per_row = " / ".join(f"{best[size, p] / size * 1e6:.0f}" for p in PROGRAMS)
        memory = " / ".join(f"{peaks[size, p]:.0f}" for p in PROGRAMS)
        lines.append(f"| {size:,} | {ours:.2f} s | {plain:.2f} s | {floor:.2f} s | "
                     f"{ours / plain:.2f} | {ours / floor:.2f} | {per_row} | {memory} |")
    lines += ["", "Cost of an added row (µs), between consecutive sizes:", ""]
    lines.append("| from → to | " + " | ".join(PROGRAMS) + " |")
    lines.append("| --- |" + " ---: |" * len(PROGRAMS))
    increments: list[float] = []
    for low, high in itertools.pairwise(sizes):
        row = [(best[high, p] - best[low, p]) / (high - low) * 1e6 for p in PROGRAMS]
        increments.append(row[0])
        lines.append(f"| {low:,} → {high:,} | " + " | ".join(f"{v:.0f}" for v in row) + " |")
    if len(increments) >= 2 and increments[0] > 0:
        ratios = ", ".join(f"{later / increments[0]:.2f}" for later in increments[1:])
        lines += ["", f"jhareport's later increments ÷ its first: {ratios} (linear is about 1)."]
    lines += ["", "| whole command, cold | best | median |", "| --- | ---: | ---: |"]
    for year, values in cold.items():
        lines.append(f"| `jhareport build fixtures/{year}` | {min(values):.2f} s | "
                     f"{statistics.median(values):.2f} s |")
    for name, values in imports.items():
        lines.append(f"| `python -c \"{name}\"` | {min(values):.2f} s | "
                     f"{statistics.median(values):.2f} s |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
