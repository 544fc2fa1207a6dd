#!/usr/bin/env python3
"""Build a release: the frozen one-folder bundle, and on Linux the user-level tarball.

    python3 dev.py build                 # bundle + tarball in dist/
    python3 dev.py build --no-tarball    # bundle only (the Windows workflow; Inno Setup packs it)

Steps: read the version from pyproject.toml (the one place it is set) and write it into
app/_version.py (the fallback a frozen build reads), render the icons from
resources/icons/utvag.svg, run PyInstaller with installer/utvag.spec, trim Qt's ICU data
to Swedish and English (Linux, installer/icu_trim.py), check the bundle size budget, write
the CycloneDX SBOM of what the bundle holds (dist/utvag-VERSION.cdx.json, installer/sbom.py;
the build fails when a bundled package differs from requirements/lock.txt), and pack the
tarball. Prints the build time and sizes; writes them to dist/build-info.json for CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "utvag"
MAX_BUNDLE_BYTES = 150 * 1024 * 1024
VERSION_FILE = ROOT / "app" / "_version.py"
MANIFEST = WORK / "bundled-files.json"  # written by utvag.spec, read by sbom.py
VERSION_TEMPLATE = (
    '"""Fallback version for a frozen build; the installer writes it from pyproject.toml."""'
    '\n\nVERSION = "{version}"\n'
)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        version = str(tomllib.load(fh)["project"]["version"])
    if not re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)?", version):
        sys.exit(f"build: unexpected version {version!r} in pyproject.toml")
    return version


def sync_version_file(version: str) -> None:
    """app/_version.py must say what pyproject.toml says; rewrite it when it does not."""
    wanted = VERSION_TEMPLATE.format(version=version)
    if VERSION_FILE.read_text(encoding="utf-8") != wanted:
        VERSION_FILE.write_text(wanted, encoding="utf-8")
        print(f"build: app/_version.py set to {version} (from pyproject.toml)")


def render_icons(out: Path) -> dict[str, Path]:
    """PNG (Linux desktop entry) and ICO (Windows exe, installer) from the SVG icon."""
    out.mkdir(parents=True, exist_ok=True)
    code = f"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication(sys.argv)
renderer = QSvgRenderer({str(ROOT / "resources" / "icons" / "utvag.svg")!r})
for size, name in ((256, "utvag.png"), (256, "utvag.ico")):
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save({str(out)!r} + "/" + name):
        sys.exit("cannot write " + name)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return {"png": out / "utvag.png", "ico": out / "utvag.ico"}


def windows_version_file(version: str, out: Path) -> Path:
    """Version resource for utvag.exe (shown in Properties → Details, read by IT tools)."""
    parts = [int(p) for p in re.findall(r"\d+", version)[:3]] + [0]
    nums = tuple(parts[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}),
  kids=[StringFileInfo([StringTable('041D04B0', [
    StringStruct('CompanyName', 'Utväg'),
    StringStruct('FileDescription', 'Utväg'),
    StringStruct('FileVersion', '{version}'),
    StringStruct('ProductName', 'Utväg'),
    StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x041D, 1200])])])
"""
    path = out / "version-info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(version: str, icons: dict[str, Path]) -> None:
    env = {**os.environ, "UTVAG_BUILD_ICON": str(icons["ico"])}
    env["UTVAG_BUILD_MANIFEST"] = str(MANIFEST)
    if sys.platform == "win32":
        env["UTVAG_BUILD_VERSIONFILE"] = str(windows_version_file(version, WORK))
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"),
        str(INSTALLER / "utvag.spec"),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)


def trim_icu(bundle: Path) -> None:
    """Qt's ICU data is a fifth of the bundle; keep what Swedish and English need."""
    sys.path.insert(0, str(INSTALLER))
    import icu_trim

    for library in bundle.rglob("libicudata.so.*"):
        if library.is_symlink():
            continue
        sizes = icu_trim.trim(library)
        if sizes:
            print(f"build: ICU data trimmed {sizes[0] / 2**20:.1f} → {sizes[1] / 2**20:.1f} MiB")


def write_sbom(version: str) -> Path:
    """The SBOM of what PyInstaller put into the bundle (exits when it is not the lock)."""
    sys.path.insert(0, str(INSTALLER))
    import sbom

    out = DIST / f"utvag-{version}.cdx.json"
    problems = sbom.write_sbom(MANIFEST, ROOT / "requirements" / "lock.txt", out, version)
    for problem in problems:
        print(f"build: FAIL {problem} (python3 dev.py build installs the lock)", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"build: SBOM {out} (CycloneDX)")
    return out


def make_tarball(version: str, icons: dict[str, Path], sbom_file: Path) -> Path:
    machine = platform.machine().lower() or "x86_64"
    name = f"utvag-{version}-linux-{machine}"
    tarball = DIST / f"{name}.tar.gz"
    linux = INSTALLER / "linux"

    def mode(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=f"{name}/utvag", filter=mode)
        for script in ("install.sh", "uninstall.sh", "utvag.desktop.in"):
            tar.add(linux / script, arcname=f"{name}/{script}", filter=mode)
        tar.add(icons["png"], arcname=f"{name}/utvag.png", filter=mode)
        tar.add(ROOT / "resources" / "icons" / "utvag.svg", arcname=f"{name}/utvag.svg")
        tar.add(ROOT / "docs" / "DEPLOYMENT.md", arcname=f"{name}/DEPLOYMENT.md", filter=mode)
        tar.add(sbom_file, arcname=f"{name}/{sbom_file.name}", filter=mode)
        version_file = WORK / "VERSION"
        version_file.write_text(version + "\n", encoding="utf-8")
        tar.add(version_file, arcname=f"{name}/VERSION", filter=mode)
    return tarball


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py build", description=__doc__.splitlines()[0])
    parser.add_argument("--no-tarball", action="store_true", help="bundle only")
    args = parser.parse_args(argv)

    started = time.monotonic()
    version = project_version()
    print(f"build: Utväg {version} on {sys.platform} ({platform.machine()})", flush=True)
    sync_version_file(version)
    icons = render_icons(WORK / "icons")
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    run_pyinstaller(version, icons)
    if sys.platform.startswith("linux") and os.environ.get("UTVAG_BUILD_FULL_ICU") != "1":
        trim_icu(BUNDLE)
    sbom_file = write_sbom(version)
    built = time.monotonic() - started
    size = folder_size(BUNDLE)
    info: dict[str, object] = {
        "version": version,
        "platform": sys.platform,
        "build_seconds": round(built, 1),
        "bundle_bytes": size,
        "bundle_mib": round(size / 1024 / 1024, 1),
        "sbom": sbom_file.name,
    }
    print(f"build: bundle {BUNDLE} {info['bundle_mib']} MiB unpacked, built in {built:.0f} s")
    if sys.platform.startswith("linux") and not args.no_tarball:
        tarball = make_tarball(version, icons, sbom_file)
        info["tarball"] = tarball.name
        info["tarball_mib"] = round(tarball.stat().st_size / 1024 / 1024, 1)
        print(f"build: {tarball} ({info['tarball_mib']} MiB)")
    info["total_seconds"] = round(time.monotonic() - started, 1)
    (DIST / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    if size > MAX_BUNDLE_BYTES:
        print(f"build: FAIL bundle exceeds {MAX_BUNDLE_BYTES // 2**20} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
