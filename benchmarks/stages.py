"""Where a build's time goes: `python benchmarks/stages.py` (the years of scale.py, with distinct
texts, at 5,000 and 20,000 actions).

`jhareport build` and the floor (floor.py) each run in fresh processes with a timer around each
stage (processor time, user and system, garbage collection paused as the build pauses it). A
stage's cost per action is what it adds from 5,000 to 20,000 actions, divided by the 15,000
actions added; its fixed cost is what is left at 5,000. Each figure is the best of the runs
(3 by default). The table goes to benchmarks/STAGES.md. What a timer adds to each call it wraps is
measured in the same process and taken off; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = (5_000, 20_000)

# The stages of `jhareport build`, in the order the data flows, with what each is.
OURS = {
    "start": "the interpreter and the command's imports",
    "YAML": "the year's files parsed (yamltree.parse)",
    "records": "records built and checked from what YAML gave (loading, checks)",
    "views": "what the documents show, worked out from the records (views)",
    "template": "the template's own code in the sandbox: loops, tests, escaping, its joins",
    "rich": "record texts as Word paragraphs (`rich`), with their hyphenation marks",
    "filters": "the other filters (lines, state, agencies) and the passages' finalize",
    "names": "hyphens of names such as eu-LISA made non-breaking (unbreakable_names)",
    "check": "the rendered parts read through by lxml (well-formedness)",
    "texts": "the paragraphs' texts taken from the rendered parts",
    "acronyms": "the acronym scan of those texts",
    "packaging": "the parts zipped (write_package)",
    "other": "the rest: template reading and compiling, the acronyms document, writing",
}
FLOOR = {
    "start": "the interpreter and the floor's imports",
    "template": "the template read and its tags made plain Jinja",
    "JSON": "the rows read from JSON",
    "compile": "the template compiled by Jinja",
    "render": "the one render of the part (the filters plain stand-ins)",
    "packaging": "the parts zipped",
}


class Clock:
    """Processor seconds spent inside wrapped functions, by stage (nested calls are not
    subtracted: a stage wrapping another is worked out by difference)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, stage: str, function: Callable[..., Any],
             clock: Callable[[], float] = time.process_time) -> Callable[..., Any]:
        """`function` timed; a function called once an action or more is timed by the
        performance counter, which costs a twentieth of the processor clock to read."""
        spent, calls = self.spent, self.calls

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + clock() - start
                calls[stage] = calls.get(stage, 0) + 1

        return timed

    @staticmethod
    def overhead() -> tuple[float, float]:
        """What a performance-counter timer adds to one call, in seconds: in all, and within the
        time it records. The stages called once an action or more (`rich`, the filters) are
        worked out without it."""
        def nothing(value: Any) -> Any:
            return value

        calibration = Clock()
        timed = calibration.wrap("calibration", nothing, time.perf_counter)
        count = 200_000
        start = time.process_time()
        for _ in range(count):
            nothing(None)
        bare = time.process_time() - start
        start = time.process_time()
        for _ in range(count):
            timed(None)
        added = max(0.0, (time.process_time() - start - bare) / count)
        return added, min(added, calibration.spent["calibration"] / count)

    def patch(self, owner: Any, name: str, stage: str,
              clock: Callable[[], float] = time.process_time) -> None:
        setattr(owner, name, self.wrap(stage, getattr(owner, name), clock))


def ours(year: Path, out: Path) -> dict[str, float]:
    """The stages of `jhareport build YEAR --out OUT`, in processor seconds."""
    import jhareport.cli as cli

    start = time.process_time()  # the interpreter's start and the command's imports
    import jhareport.loading as loading
    import jhareport.word.build as build
    import jhareport.word.writer as writer

    clock = Clock()
    clock.patch(loading, "parse", "YAML")
    clock.patch(build, "load_year_and_texts", "loading")
    clock.patch(build, "scorecard_context", "views")
    clock.patch(build, "render_parts", "rendering")
    clock.patch(build, "unbreakable_names", "names")
    clock.patch(build, "checked", "check")
    clock.patch(build, "paragraph_texts", "texts")
    clock.patch(build, "document_acronyms", "acronyms")
    clock.patch(build, "write_package", "packaging")
    each = time.perf_counter
    clock.patch(writer.WordWriter, "rich", "rich", each)
    clock.patch(writer, "finalize", "filters", each)
    environment = build.template_environment

    def timed_environment(*args: Any, **kwargs: Any) -> Any:
        made = environment(*args, **kwargs)
        for name in ("lines", "state", "agencies"):
            made.filters[name] = clock.wrap("filters", made.filters[name], each)
        return made

    build.template_environment = timed_environment
    began = time.process_time()
    status = cli.main(["build", str(year), "--out", str(out)])
    ended = time.process_time()
    if status != 0:
        raise SystemExit(f"jhareport build {year} failed with {status}")
    added, within = clock.overhead()
    many = {stage: clock.calls.get(stage, 0) for stage in ("rich", "filters")}
    spent = dict(clock.spent)
    for stage, calls in many.items():
        spent[stage] = spent.get(stage, 0.0) - calls * within
    spent["rendering"] = spent.get("rendering", 0.0) - sum(many.values()) * added
    ended -= sum(many.values()) * added
    yaml = spent.get("YAML", 0.0)
    rendering = spent.get("rendering", 0.0)
    inside = sum(spent.get(s, 0.0) for s in ("rich", "filters", "names", "check"))
    stages = {
        "start": start,
        "YAML": yaml,
        "records": spent.get("loading", 0.0) - yaml,
        "views": spent.get("views", 0.0),
        "template": rendering - inside,
        **{s: spent.get(s, 0.0) for s in ("rich", "filters", "names", "check", "texts",
                                          "acronyms", "packaging")},
    }
    stages["other"] = ended - began - sum(v for k, v in stages.items() if k != "start")
    return stages


def floor(rows: Path, out: Path) -> dict[str, float]:
    """The stages of floor.py, in processor seconds."""
    import zipfile

    sys.path.insert(0, str(HERE))
    import floor as program
    import jinja2

    marks = [time.process_time()]  # the interpreter's start and the floor's imports
    stages = {"start": marks[0]}
    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(program.FILTERS)
    environment.filters["rich"] = program.rich
    environment.globals["todo"] = lambda section: ""
    with zipfile.ZipFile(program.TEMPLATE) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    head, body = entries["word/document.xml"].decode("utf-8").split("?>", 1)
    source = program.jinja_source(body)
    marks.append(time.process_time())
    context = json.loads(rows.read_bytes())
    marks.append(time.process_time())
    template = environment.from_string(source)
    marks.append(time.process_time())
    document = template.render(context)
    marks.append(time.process_time())
    entries["word/document.xml"] = (head + "?>" + document).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    marks.append(time.process_time())
    for stage, (low, high) in zip(list(FLOOR)[1:], itertools.pairwise(marks), strict=True):
        stages[stage] = high - low
    return stages


def child(program: str, source: Path, out: Path) -> None:
    gc.disable()  # as the build pauses it; the floor gets the same
    stages = ours(source, out) if program == "jhareport" else floor(source, out)
    print(json.dumps(stages))


def run(program: str, source: Path, out: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", program, str(source), str(out)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{program} on {source} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write STAGES.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    sys.path.insert(0, str(HERE))
    from scale import make_rows, make_year

    best: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="jhareport-stages-") as temporary:
        folder = Path(temporary)
        years = {size: make_year(folder, size) for size in SIZES}
        rows = {size: make_rows(year) for size, year in years.items()}
        for size in SIZES:  # a warm-up: bytecode compiled, files in the page cache
            run("jhareport", years[size], folder / "warm")
            run("floor", rows[size], folder / "warm.docx")
        for round_ in range(args.repeat):
            for size in SIZES:
                for program, source, out in (("jhareport", years[size], folder / f"out-{size}"),
                                             ("floor", rows[size], folder / f"floor-{size}.docx")):
                    stages = run(program, source, out)
                    kept = best.setdefault((program, size), stages)
                    for stage, seconds in stages.items():
                        kept[stage] = min(kept[stage], seconds)
                    print(f"round {round_ + 1}: {size:>6} actions, {program:9} "
                          f"{sum(stages.values()):6.2f} s", file=sys.stderr)
    text = report(best, args.repeat)
    print(text)
    if not args.no_write:
        (HERE / "STAGES.md").write_text(text, encoding="utf-8")


def report(best: dict[tuple[str, int], dict[str, float]], repeat: int) -> str:
    from scale import machine

    low, high = SIZES
    added = high - low
    lines = [
        "# Where the time goes",
        "",
        f"`python benchmarks/stages.py`, {date.today()}, on {machine()}. Processor time of each "
        f"stage, the best of {repeat} runs in fresh processes, with every action's text distinct: "
        f"its cost per action (what it adds from {low:,} to {high:,} actions, ÷ {added:,}) and "
        f"its fixed cost (what is left at {low:,} actions).",
        "",
    ]
    for program, stages in (("jhareport build", OURS), ("the floor (floor.py)", FLOOR)):
        key = "jhareport" if program.startswith("jhareport") else "floor"
        small, large = best[key, low], best[key, high]
        lines += [f"## {program}", "", "| stage | µs per action | fixed (ms) | what it is |",
                  "| --- | ---: | ---: | --- |"]
        total_per, total_fixed = 0.0, 0.0
        for stage, meaning in stages.items():
            per = (large[stage] - small[stage]) / added * 1e6
            fixed = small[stage] - per * low / 1e6
            total_per += per
            total_fixed += fixed
            lines.append(f"| {stage} | {per:.1f} | {fixed * 1e3:.0f} | {meaning} |")
        lines += [f"| **total** | **{total_per:.1f}** | **{total_fixed * 1e3:.0f}** | "
                  f"{low:,} actions: {sum(small.values()):.2f} s; {high:,}: "
                  f"{sum(large.values()):.2f} s |", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
