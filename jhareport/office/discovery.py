"""Where LibreOffice is: its `soffice` and a Python that can `import uno`, on Linux, Windows and
macOS, and what to install where it is missing.

The search, in order: the environment variable JHAREPORT_LIBREOFFICE (the `soffice` program, the
folder LibreOffice is installed in, or LibreOffice.app); `soffice` or `libreoffice` on the PATH;
then the places LibreOffice's installers use on each system. The Python is LibreOffice's own
where it ships one (Windows, macOS, the Document Foundation's Linux packages), else the system's
Python with the distribution's UNO bridge (Debian's python3-uno), else the running one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from attrs import frozen

__all__ = ["ENVIRONMENT_VARIABLE", "OfficeTools", "find_office", "install_hint",
           "python_candidates", "soffice_candidates"]

ENVIRONMENT_VARIABLE = "JHAREPORT_LIBREOFFICE"

# Folders LibreOffice installs into on Linux and other Unix systems (distributions' packages, the
# Document Foundation's own in /opt/libreoffice<version>), newest version first.
UNIX_PLACES: tuple[str, ...] = (
    "/usr/lib/libreoffice",
    "/usr/lib64/libreoffice",
    "/usr/local/lib/libreoffice",
    "/opt/libreoffice*",
    "/usr/local/opt/libreoffice*",
)
# Where macOS keeps applications for every user; ~/Applications is searched too.
MAC_APPLICATIONS = Path("/Applications")

_PROBE_TIMEOUT = 20.0


@frozen
class OfficeTools:
    """The programs a conversion needs: LibreOffice and a Python that can `import uno`, run with
    `python_options` (-I, isolated from the user's PYTHONPATH, for a system Python; none for
    LibreOffice's own, whose launcher sets that path itself)."""

    soffice: Path
    python: Path
    python_options: tuple[str, ...] = ("-I",)


class OfficeNotFound(Exception):
    """No LibreOffice, or no Python that can drive it; the message says what to install."""


def install_hint(platform: str = sys.platform) -> str:
    """How to install LibreOffice with its Python bridge on this system."""
    if platform == "win32":
        how = ("install LibreOffice from https://www.libreoffice.org/download/ (or `winget install "
               "TheDocumentFoundation.LibreOffice`); its Python comes with it")
    elif platform == "darwin":
        how = ("install LibreOffice from https://www.libreoffice.org/download/ (or `brew install "
               "--cask libreoffice`); its Python comes with it")
    else:
        how = ("install it with `sudo apt-get install --no-install-recommends "
               "libreoffice-writer-nogui python3-uno` (Debian, Ubuntu) or `sudo dnf install "
               "libreoffice-writer libreoffice-pyuno` (Fedora)")
    return f"{how}; or set {ENVIRONMENT_VARIABLE} to where LibreOffice is installed"


def _program(platform: str) -> str:
    return "soffice.exe" if platform == "win32" else "soffice"


def _newest_first(pattern: str) -> list[Path]:
    """The folders a pattern with `*` matches, newest first: a name without a version (today's
    "LibreOffice" on Windows, older releases' being "LibreOffice 5"), then the highest version
    (/opt/libreoffice24.8 before /opt/libreoffice7.6: compared by the numbers in the names)."""
    if "*" not in pattern:
        return [Path(pattern)]
    folder, _, name = pattern.rpartition("/") if "/" in pattern else ("", "", pattern)
    base = Path(folder or ".")
    try:
        found = [p for p in base.glob(name) if p.is_dir()]
    except OSError:
        return []

    def version(path: Path) -> tuple[int, ...]:
        digits = "".join(c if c.isdigit() else " " for c in path.name)
        return tuple(int(n) for n in digits.split())

    return sorted(found, key=lambda p: (not version(p), version(p), p.name), reverse=True)


def _inside(folder: Path, platform: str) -> list[Path]:
    """Where `soffice` stands in an installation folder given as `folder`."""
    program = _program(platform)
    return [folder / "program" / program, folder / "Contents" / "MacOS" / "soffice",
            folder / "MacOS" / "soffice", folder / program]


def soffice_candidates(platform: str = sys.platform, environ: Mapping[str, str] | None = None,
                       home: Path | None = None) -> list[Path]:
    """The standard places of `soffice` on `platform` (sys.platform's names), in the order they
    are tried after the environment variable and the PATH."""
    environ = os.environ if environ is None else environ
    found: list[Path] = []
    if platform == "win32":
        roots = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        local = environ.get("LOCALAPPDATA")
        roots.append(str(Path(local) / "Programs") if local else None)
        for root in dict.fromkeys(r for r in roots if r):
            # "LibreOffice", and older releases' "LibreOffice 5"
            for folder in _newest_first(f"{Path(root).as_posix()}/LibreOffice*"):
                found.append(folder / "program" / "soffice.exe")
    elif platform == "darwin":
        places = [MAC_APPLICATIONS, *([home / "Applications"] if home is not None else [])]
        found = [apps / "LibreOffice.app" / "Contents" / "MacOS" / "soffice" for apps in places]
    else:
        for pattern in UNIX_PLACES:
            found.extend(folder / "program" / "soffice" for folder in _newest_first(pattern))
    return found


def python_candidates(soffice: Path, platform: str = sys.platform) -> list[tuple[Path, tuple[str, ...]]]:
    """The Pythons tried for `import uno`, in order, each with the options it is run with:
    LibreOffice's own beside `soffice` (through its links), then the system's, then this one."""
    try:
        program = soffice.resolve().parent
    except (OSError, RuntimeError):
        program = soffice.parent
    if platform == "win32":
        own = [program / "python.exe"]
    else:  # the Document Foundation's Linux builds; macOS's bundle (Contents/Resources/python)
        own = [program / "python", program.parent / "Resources" / "python"]
    system = [] if platform == "win32" else [Path("/usr/bin/python3")]
    tried: dict[Path, tuple[str, ...]] = {}
    for python in own:
        tried.setdefault(python, ())
    for python in (*system, Path(sys.executable)):
        tried.setdefault(python, ("-I",))
    return list(tried.items())


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _imports_uno(python: Path, options: tuple[str, ...]) -> bool:
    try:
        probe = subprocess.run([str(python), *options, "-c", "import uno"], stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=_PROBE_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _first(paths: Iterable[Path]) -> Path | None:
    return next((path for path in paths if _executable(path)), None)


def _find_soffice(platform: str, environ: Mapping[str, str], home: Path | None) -> Path:
    given = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if given:
        place = Path(given).expanduser()
        found = _first([place, *_inside(place, platform)])
        if found is None:
            raise OfficeNotFound(
                f"{ENVIRONMENT_VARIABLE} is set to {given[:200]!r}, where there is no LibreOffice: "
                f"name its soffice program or the folder it is installed in")
        return found
    for name in ("soffice", "libreoffice"):
        on_path = shutil.which(name, path=environ.get("PATH"))
        if on_path:
            return Path(on_path)
    found = _first(soffice_candidates(platform, environ, home))
    if found is None:
        raise OfficeNotFound(f"LibreOffice is needed for --pdf but `soffice` was not found: "
                             f"{install_hint(platform)}")
    return found


def find_office(platform: str | None = None, environ: Mapping[str, str] | None = None,
                home: Path | None = None) -> OfficeTools:
    """LibreOffice's `soffice` and a Python able to `import uno`, or OfficeNotFound saying what
    to install. Quick (no conversion): called before building, so a missing LibreOffice fails at
    once. `platform`, `environ` and `home` default to this system's."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if home is None:
        try:
            home = Path.home()
        except RuntimeError:  # no home folder known
            home = None
    soffice = _find_soffice(platform, environ, home)
    tried: list[str] = []
    for python, options in python_candidates(soffice, platform):
        if not _executable(python):
            continue
        tried.append(str(python))
        if _imports_uno(python, options):
            return OfficeTools(soffice=soffice, python=python, python_options=options)
    where = f" (tried {', '.join(tried)})" if tried else ""
    raise OfficeNotFound(f"LibreOffice is needed for --pdf but no Python can `import uno`{where}: "
                         f"{install_hint(platform)}")
