"""Trim the ICU data that PySide6's Qt carries (``libicudata.so.73``, ~31 MB) to what a
Swedish/English desktop program needs: root, Swedish and English locale data, the
Unicode tables, break-iteration rules and dictionaries, time zones, and two legacy
8-bit converters (no transliteration, no East Asian codecs). Qt uses ICU for collation
(sorting å, ä, ö), time zones, text boundaries and codec names; other locales fall back
to the root data.

Linux only, after PyInstaller: rebuilds the library in the bundle with ``icupkg`` and
``genccode`` (Debian: icu-devtools) and the C compiler. Without those tools it changes
nothing and says so; the bundle is still valid, only larger.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from app.i18n import LANGUAGES

KEEP_LOCALES = re.compile(rf"^(root|{'|'.join(LANGUAGES)})(_[A-Za-z0-9]+)*$")
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
STRUCTURAL = {"res_index", "pool"}
KEEP_CONVERTERS = {"ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv"}  # cp1252, ISO 8859-15
TOOLS = ("icupkg", "genccode", "cc", "objcopy")


def _removable(item: str) -> bool:
    folder, _, name = item.rpartition("/")
    stem, _, ext = name.partition(".")
    if folder == "translit":
        return True
    if ext == "cnv":
        return name not in KEEP_CONVERTERS
    if ext == "res" and stem not in STRUCTURAL and LOCALE_NAME.match(stem):
        return not KEEP_LOCALES.match(stem)
    return False


def trim(library: Path) -> tuple[int, int] | None:
    """Rewrite ``library`` in place; return (old, new) size, or None if skipped."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"])
    found = {tool: shutil.which(tool, path=search) for tool in TOOLS}
    missing = [tool for tool, path in found.items() if path is None]
    if missing:
        print(f"build: ICU data not trimmed (missing {', '.join(missing)})")
        return None
    match = re.search(r"libicudata\.so\.(\d+)", library.name)
    if not match:
        return None
    major = match.group(1)
    entry = f"icudt{major}"
    with tempfile.TemporaryDirectory(prefix="utvag-icu-") as tmp:
        work = Path(tmp)
        dat = work / f"{entry}l.dat"

        def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
            cmd = [str(found[tool]), *args]
            return subprocess.run(cmd, check=True, cwd=work, capture_output=True, text=True)

        run("objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(dat))
        items = run("icupkg", "-l", str(dat)).stdout.split()
        removable = [item for item in items if _removable(item)]
        (work / "remove.txt").write_text("\n".join(removable) + "\n", encoding="utf-8")
        run("icupkg", "-r", "remove.txt", str(dat))
        run("genccode", "-a", "gcc", "-e", entry, "-d", str(work), str(dat))
        source = next(work.glob("*.S"))
        built = work / library.name
        run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-Wl,-z,noexecstack",
            "-o", str(built), str(source))  # fmt: skip
        old = library.stat().st_size
        shutil.copyfile(built, library)
        return old, library.stat().st_size
