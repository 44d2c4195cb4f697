"""How the build scales: `python benchmarks/scale.py` (add `--quick` while iterating).

Years of 1,000 to 50,000 scorecard actions are made from the real rows of fixtures/2019, each
action's first line made distinct (" (no. 123)"), as a real year's texts are; the same years with
the 189 real rows repeated as they are run beside them, for jhareport only. For each size, three
programs run in fresh processes, interleaved:

- the whole `jhareport build` command;
- a plain docxtpl script rendering the same rows into the same scorecard-annex template
  (plain_docxtpl.py: YAML read by libyaml, docxtpl's own rendering);
- the floor (floor.py): a true lower bound of any program filling the template with these rows:
  the rows read from JSON made beforehand (untimed), one Jinja render of the part, the parts
  zipped; no YAML, no XML tree, no check.

Each program is measured by its processor time (user and system, from the child's resource usage:
what a shared machine does not blur) beside its wall-clock time, the best of the repeats, with
its peak memory (maxrss). Every program runs with its modules' bytecode, compiled by an untimed
warm-up into the run's own cache, as an installed program's is. Then a 200,000-action year (its
actions over four files), the cold commands (`jhareport build` of fixtures/2023 and 2019) and
what the command imports (`import jhareport.cli`) against `import jhareport` and docxtpl's
imports. The tables go to benchmarks/RESULTS.md with the machine they ran on. Nothing here is
asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
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
LARGE = 200_000
PROGRAMS = ("jhareport", "plain docxtpl", "floor")


def make_year(folder: Path, actions: int, *, distinct: bool = True, files: int = 1) -> Path:
    """A copy of fixtures/2019 whose scorecard holds `actions` actions, its rows cycled: each
    action's first line made distinct, or the rows repeated as they are; in `files` files."""
    year = folder / f"actions-{actions}{'' if distinct else '-repeated'}"
    (year / "scorecard").mkdir(parents=True)
    shutil.copy(FIXTURES / "2019" / "year.yaml", year)
    shutil.copy(FIXTURES / "2019" / "scorecard" / "structure.yaml", year / "scorecard")
    if not (folder / "glossary.yaml").exists():
        shutil.copy(FIXTURES / "glossary.yaml", folder)
    text = (FIXTURES / "2019" / "scorecard" / "actions.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    items = re.split(r"\n(?=- )", "\n".join(lines).strip())

    def action(index: int) -> str:
        item = items[index % len(items)]
        if not distinct:
            return item
        return re.sub(r"(  detail: \|\n    [^\n]*)", lambda m: f"{m.group(1)} (no. {index + 1})",
                      item, count=1)

    per_file = -(-actions // files)
    for number in range(files):
        chosen = (action(i) for i in range(number * per_file, min(actions, (number + 1) * per_file)))
        name = "actions.yaml" if files == 1 else f"actions-{number + 1}.yaml"
        (year / "scorecard" / name).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return year


def make_rows(year: Path) -> Path:
    """The rows of a year as the floor reads them, in JSON beside the year's folder."""
    sys.path.insert(0, str(HERE))
    from baseline_rows import floor_rows

    rows = year.with_name(f"{year.name}.json")
    rows.write_text(json.dumps(floor_rows(year)), encoding="utf-8")
    return rows


def command(program: str, year: Path, out: Path) -> list[str]:
    if program == "jhareport":
        return [sys.executable, "-m", "jhareport", "build", str(year), "--out", str(out)]
    if program == "plain docxtpl":
        return [sys.executable, str(HERE / "plain_docxtpl.py"), str(year),
                str(out / "scorecard-annex.docx")]
    return [sys.executable, str(HERE / "floor.py"), str(year.with_name(f"{year.name}.json")),
            str(out / "scorecard-annex.docx")]


# The children run as installed programs do: with their modules' bytecode, compiled once by the
# warm-up into a cache of the run (so that no program pays for compiling its source, whatever
# PYTHONDONTWRITEBYTECODE says here, and nothing is written beside the sources).
ENVIRONMENT = {name: value for name, value in os.environ.items()
               if name != "PYTHONDONTWRITEBYTECODE"}


class Run:
    """One fresh process: processor seconds (user and system), wall-clock seconds, peak MB."""

    def __init__(self, arguments: list[str]) -> None:
        start = time.perf_counter()
        child = subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, env=ENVIRONMENT)
        _, status, usage = os.wait4(child.pid, 0)
        self.wall = time.perf_counter() - start
        self.cpu = usage.ru_utime + usage.ru_stime
        self.peak = usage.ru_maxrss / 1024
        errors = child.stderr.read().decode() if child.stderr else ""
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(arguments)} failed:\n{errors}")


class Best:
    """The best processor and wall-clock times of repeated runs, and the highest peak memory."""

    def __init__(self) -> None:
        self.runs: list[Run] = []

    def add(self, run: Run) -> None:
        self.runs.append(run)

    @property
    def cpu(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def wall(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r.peak for r in self.runs)

    def median_wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)


def machine() -> str:
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if found:
            model = found.group(1).strip()
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at the end"
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()}){load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"only {', '.join(map(str, QUICK_SIZES))} actions, one run each, "
                        "no large year")
    parser.add_argument("--sizes", type=int, nargs="*", help="numbers of actions")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each (default 3)")
    parser.add_argument("--large", type=int, default=None,
                        help=f"actions of the large year (default {LARGE:,}; 0: none)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write RESULTS.md")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    large = args.large if args.large is not None else (0 if args.quick else LARGE)
    if args.make:
        for size in sizes:
            make_rows(make_year(args.make, size))
            make_year(args.make, size, distinct=False)
        if large:
            make_year(args.make / "large", large, files=4)
        return
    repeat = args.repeat or (1 if args.quick else 3)

    best: dict[tuple[int, str], Best] = {}
    repeated: dict[int, Best] = {}
    cold: dict[str, Best] = {}
    large_run: Run | None = None
    with tempfile.TemporaryDirectory(prefix="jhareport-scale-") as temporary:
        folder = Path(temporary)
        # made in a child process: a child's peak memory counts from the size of its parent
        # when it was forked, which must stay small
        subprocess.run([sys.executable, __file__, "--make", str(folder), "--sizes",
                        *map(str, sizes), "--large", str(large)], check=True)
        years = {size: folder / f"actions-{size}" for size in sizes}
        ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
        warm = folder / "warm-up"
        warm.mkdir()
        for program in PROGRAMS:  # the warm-up: every program's modules compiled, untimed
            Run(command(program, years[sizes[0]], warm))
        Run([sys.executable, "-c", "import jhareport.cli, jhareport.word.build, docxtpl"])
        for round_ in range(repeat):
            for size in sizes:
                for program in PROGRAMS:
                    out = folder / f"out-{program.replace(' ', '-')}-{size}"
                    out.mkdir(exist_ok=True)
                    run = Run(command(program, years[size], out))
                    best.setdefault((size, program), Best()).add(run)
                    print(f"round {round_ + 1}: {size:>6} actions, {program:14} {run.cpu:7.2f} s "
                          f"processor {run.wall:7.2f} s wall {run.peak:6.0f} MB", file=sys.stderr)
                run = Run(command("jhareport", folder / f"actions-{size}-repeated",
                                  folder / f"out-repeated-{size}"))
                repeated.setdefault(size, Best()).add(run)
        if large:
            large_run = Run(command("jhareport", folder / "large" / f"actions-{large}",
                                    folder / "out-large"))
            print(f"{large:,} actions: {large_run.cpu:.1f} s processor, {large_run.wall:.1f} s "
                  f"wall, {large_run.peak:.0f} MB", file=sys.stderr)
        jobs = {
            "`jhareport build fixtures/2023`": [sys.executable, "-m", "jhareport", "build",
                                               str(FIXTURES / "2023"), "--out",
                                               str(folder / "cold-2023")],
            "`jhareport build fixtures/2019`": [sys.executable, "-m", "jhareport", "build",
                                               str(FIXTURES / "2019"), "--out",
                                               str(folder / "cold-2019")],
            "`python -c \"import jhareport.cli\"` (what the command imports)":
                [sys.executable, "-c", "import jhareport.cli"],
            "`python -c \"import jhareport\"` (the package, its names loaded when used)":
                [sys.executable, "-c", "import jhareport"],
            "`python -c \"import docxtpl, jinja2, attrs\"`":
                [sys.executable, "-c", "import docxtpl, jinja2, attrs"],
            "`python -c \"pass\"`": [sys.executable, "-c", "pass"],
        }
        for _ in range(max(repeat, 5)):
            for name, arguments in jobs.items():
                cold.setdefault(name, Best()).add(Run(arguments))

    text = report(sizes, repeat, best, repeated, large, large_run, cold, args.quick)
    print(text)
    if not args.no_write:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


def report(sizes: tuple[int, ...], repeat: int, best: dict[tuple[int, str], Best],
           repeated: dict[int, Best], large: int, large_run: Run | None, cold: dict[str, Best],
           quick: bool) -> str:
    lines = [
        "# Scaling benchmark",
        "",
        f"`python benchmarks/scale.py{' --quick' if quick else ''}`, {date.today()}, on "
        f"{machine()}. Each figure is the whole program in a fresh process, the best of "
        f"{repeat} interleaved run(s): its processor time (user and system) first, the "
        "wall-clock time in brackets, and the highest peak memory (maxrss). Ratios are of "
        "processor times. Every action's text is distinct unless said otherwise.",
        "",
        "| actions | jhareport | plain docxtpl | floor | jhareport ÷ docxtpl | jhareport ÷ floor "
        "| µs per row (jhareport / docxtpl / floor) | peak MB (jhareport / docxtpl / floor) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for size in sizes:
        ours, plain, floor = (best[size, p] for p in PROGRAMS)
        per_row = " / ".join(f"{best[size, p].cpu / size * 1e6:.0f}" for p in PROGRAMS)
        memory = " / ".join(f"{best[size, p].peak:.0f}" for p in PROGRAMS)
        lines.append(f"| {size:,} | {ours.cpu:.2f} s ({ours.wall:.2f}) | {plain.cpu:.2f} s "
                     f"({plain.wall:.2f}) | {floor.cpu:.2f} s ({floor.wall:.2f}) | "
                     f"{ours.cpu / plain.cpu:.2f} | {ours.cpu / floor.cpu:.2f} | {per_row} | "
                     f"{memory} |")
    lines += ["", "The same years with the 189 real rows repeated as they are (each distinct text "
              "is read and scanned once, so a repeated year flatters):", "",
              "| actions | jhareport, repeated texts | ÷ distinct texts | ÷ floor |",
              "| ---: | ---: | ---: | ---: |"]
    for size in sizes:
        run = repeated[size]
        lines.append(f"| {size:,} | {run.cpu:.2f} s ({run.wall:.2f}) | "
                     f"{run.cpu / best[size, 'jhareport'].cpu:.2f} | "
                     f"{run.cpu / best[size, 'floor'].cpu:.2f} |")
    lines += ["", "Processor time of an added row (µs), between consecutive sizes:", ""]
    lines.append("| from → to | " + " | ".join(PROGRAMS) + " |")
    lines.append("| --- |" + " ---: |" * len(PROGRAMS))
    increments: list[float] = []
    for low, high in itertools.pairwise(sizes):
        row = [(best[high, p].cpu - best[low, p].cpu) / (high - low) * 1e6 for p in PROGRAMS]
        increments.append(row[0])
        lines.append(f"| {low:,} → {high:,} | " + " | ".join(f"{v:.0f}" for v in row) + " |")
    if len(increments) >= 2 and increments[0] > 0:
        ratios = ", ".join(f"{later / increments[0]:.2f}" for later in increments[1:])
        lines += ["", f"jhareport's later increments ÷ its first: {ratios} (linear is about 1)."]
    if large_run is not None:
        lines += ["", f"A {large:,}-action year, its actions in four files of scorecard/ (about "
                  f"21 MB each), built by the command as shipped: {large_run.cpu:.1f} s of "
                  f"processor time, {large_run.wall:.1f} s of wall-clock time, "
                  f"{large_run.peak:.0f} MB at the peak."]
    lines += ["", "| command, cold | processor (best) | wall (best) | wall (median) |",
              "| --- | ---: | ---: | ---: |"]
    for name, run in cold.items():
        lines.append(f"| {name} | {run.cpu:.2f} s | {run.wall:.2f} s | {run.median_wall():.2f} s |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
