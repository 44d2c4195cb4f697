"""Time and memory of the main jobs, each measured in a fresh process: `python benchmarks/run.py`.

Prints one line per job: the best of `--repeat` processor times (user and system, which a shared
machine blurs less) and wall-clock times, and the peak resident memory of the process. Nothing
here is asserted; the numbers are for people comparing two versions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

JOBS = {
    "import jhareport": "import jhareport",
    "import jhareport.cli": "import jhareport.cli",
    "load 2023": "jhareport.load_year(ROOT / 'fixtures/2023')",
    "load 2019 (189 actions)": "jhareport.load_year(ROOT / 'fixtures/2019')",
    "build 2023 (.docx)": "jhareport.build(ROOT / 'fixtures/2023', OUT)",
    "build 2019 (.docx)": "jhareport.build(ROOT / 'fixtures/2019', OUT)",
    "build 2023 --pdf": "jhareport.build(ROOT / 'fixtures/2023', OUT, pdf=True)",
    "build 2023 --html-only": "jhareport.build(ROOT / 'fixtures/2023', OUT, html=True, docx=False)",
    "site: 4 years in en, fr, de": ("from jhareport.html.site import build_site; "
                                    "build_site(ROOT / 'fixtures', OUT, locales=('en', 'fr', 'de'))"),
    "lint the 3 templates": ("[lint(ROOT / 'jhareport/templates' / f'{n}.docx') for n in "
                             "('final-report', 'scorecard-annex', 'acronyms')]"),
    # the docxtpl templates the tests make (every docxtpl feature), written first, then read in
    # one process as `template lint DIR` and `template show DIR` read a folder
    "lint 19 docxtpl templates": ("sys.path.insert(0, str(ROOT / 'tests')); "
                                  "from docxtpl_corpus import CORPUS, make; "
                                  "paths = [make(OUT, n)[0] for n in CORPUS]; "
                                  "START = time.perf_counter(); "
                                  "from jhareport.template_tools.lint import lint_many; "
                                  "list(lint_many(paths))"),
    "show 19 docxtpl templates": ("sys.path.insert(0, str(ROOT / 'tests')); "
                                  "from docxtpl_corpus import CORPUS, make; "
                                  "paths = [make(OUT, n)[0] for n in CORPUS]; "
                                  "START = time.perf_counter(); "
                                  "from jhareport.template_tools.inspect import read, show_lines; "
                                  "[show_lines(read(p)) for p in paths]"),
    "forms 2019 (9 agencies)": ("import shutil; shutil.copytree(ROOT / 'fixtures/2019', OUT / "
                                "'2019'); shutil.copy(ROOT / 'fixtures/glossary.yaml', OUT); "
                                "START = time.perf_counter(); "
                                "jhareport.write_forms(OUT / '2019', OUT / 'forms')"),
    "import 9 forms of 2019": ("import shutil; shutil.copytree(ROOT / 'fixtures/2019', OUT / "
                               "'2019'); shutil.copy(ROOT / 'fixtures/glossary.yaml', OUT); "
                               "jhareport.write_forms(OUT / '2019', OUT / 'forms'); "
                               "START = time.perf_counter(); "
                               "jhareport.import_forms(OUT / 'forms', OUT / '2019')"),
    "import 9 forms of 2023": ("import shutil; [shutil.copytree(ROOT / 'fixtures' / n, OUT / n) "
                               "for n in ('2023', 'empact')]; shutil.copy(ROOT / "
                               "'fixtures/glossary.yaml', OUT); jhareport.write_forms(OUT / "
                               "'2023', OUT / 'forms'); START = time.perf_counter(); "
                               "jhareport.import_forms(OUT / 'forms', OUT / '2023')"),
    "draw the EMPACT chart": ("records = jhareport.load_year(ROOT / 'fixtures/2023'); "
                              "START, CPU = time.perf_counter(), processor(); "
                              "empact_chart(empact_involvement(records.action_plans), "
                              "records.year.as_of)"),
}

PROGRAM = """
import json, resource, sys, time
from pathlib import Path
ROOT = Path({root!r})
OUT = Path({out!r})

def processor():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # LibreOffice, for the PDFs
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

START, CPU = time.perf_counter(), processor()
import jhareport
from jhareport.template_tools.lint import lint
from jhareport.charts import empact_chart, empact_involvement
if not {job!r}.startswith("import "):
    START, CPU = time.perf_counter(), processor()
{code}
elapsed, cpu = time.perf_counter() - START, processor() - CPU
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "cpu": cpu, "peak_mb": peak}}))
"""


def measure(job: str, code: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        program = PROGRAM.format(root=str(ROOT), out=out, job=job, code=code)
        if job.startswith("import "):
            program = program.replace("from jhareport.template_tools.lint import lint\n", "").replace(
                "from jhareport.charts import empact_chart, empact_involvement\n", "")
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                              cwd=ROOT)
        if done.returncode != 0:
            return {"error": 1.0}
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("jobs", nargs="*", help="only these jobs (by name)")
    args = parser.parse_args()
    print(f"{'job':28} {'processor s':>12} {'wall s':>8} {'peak MB':>8}")
    for job, code in JOBS.items():
        if args.jobs and job not in args.jobs:
            continue
        runs = [measure(job, code) for _ in range(args.repeat)]
        if any("error" in r for r in runs):
            print(f"{job:28} {'failed':>8}")
            continue
        best = min(r["seconds"] for r in runs)
        cpu = min(r["cpu"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        print(f"{job:28} {cpu:12.2f} {best:8.2f} {peak:8.0f}")


if __name__ == "__main__":
    main()
