"""Forms out: one Word form per agency, pre-filled with the records it takes part in, and the
base they were made from.

The forms are written by the Word layer (`jhareport.word.forms`). The base, kept in the year's
folder (`contributions/forms-<digest>.json`), says which record each form's bookmark stands for
and what the form showed of it, so that the import tells an agency's changes from the year's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ..agencies import REGISTRY, Agency
from ..errors import InputError
from ..files import OutputError, output_folder_problem, write_atomically
from ..loading import load_year
from ..word.forms import FormWriter
from .base import FormBase, base_name
from .entries import record_entries
from .sources import YearSources, read_sources, with_ids

__all__ = ["FormError", "Forms", "form_documents", "write_forms"]


class FormError(InputError):
    """Forms that cannot be made: an unknown agency, or an output folder that cannot take them
    (a file, a folder that cannot be written, a full disk): then no form is written."""


class Forms(list[Path]):
    """The forms written (their paths), with what was kept in the year's folder: the base of
    the forms, and the files where scorecard actions got an id."""

    def __init__(self, paths: Iterable[Path], base: Path, ids: Sequence[Path]) -> None:
        super().__init__(paths)
        self.base = base
        self.ids = tuple(ids)


def write_forms(year_dir: str | Path, out: str | Path, *, agencies: Sequence[str] | None = None,
                due: date | None = None) -> Forms:
    """Write `OUT/<agency code>.docx` for each agency (all nine by default) and return the paths.

    The year's folder keeps what the forms show of each record (its base, in `contributions/`),
    and each scorecard action without an id gets one there. Raises LoadError when the year
    cannot be read, FormError for an unknown agency or an output that cannot be written. Every
    file is written or none.
    """
    folder = Path(year_dir)
    target = Path(out)
    records = load_year(folder)
    chosen: list[Agency] = []
    for name in agencies or [a.code for a in REGISTRY.agencies]:
        try:
            agency = REGISTRY.agency(name)
        except ValueError as error:
            raise FormError(str(error)) from None
        if agency not in chosen:
            chosen.append(agency)
    unfit = output_folder_problem(target, folder)
    if unfit:
        raise FormError(unfit)
    sources, id_texts = with_ids(read_sources(folder, records))
    documents, base = form_documents(sources, chosen, due)
    files = {target / f"{code}.docx": data for code, data in documents.items()}
    kept = folder / base_name(base.digest)
    files[kept] = base.data()
    files.update({folder / name: text.encode("utf-8") for name, text in id_texts.items()})
    try:
        write_atomically(files)
    except OutputError as error:
        raise FormError(str(error)) from None
    return Forms([target / f"{code}.docx" for code in documents], kept,
                 [folder / name for name in id_texts])


def form_documents(sources: YearSources, agencies: Sequence[Agency], due: date | None = None
                   ) -> tuple[dict[str, bytes], FormBase]:
    """The forms of the agencies for the year (the bytes of each .docx, by agency code) and
    their base. Every contributed record must have an id (`with_ids` gives them)."""
    records = sources.records
    day = records.year.as_of
    topics = {t.id: t.title for t in records.year.priority_topics}
    groups = {g.id: g.name for g in records.working_groups}
    writers = [FormWriter(sources, agency, due, topics, groups) for agency in agencies]
    for writer in writers:
        writer.compose()
    entries = {s.key: record_entries(s.kind, s.record, day, topics, groups)
               for s in sources.sources if s.key is not None}
    base = FormBase(records.year.year, due, {w.agency.code: w.marks for w in writers}, entries)
    return {w.agency.code: w.finish(base.digest) for w in writers}, base
