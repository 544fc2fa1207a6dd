"""CycloneDX SBOM (JSON) of what the frozen build bundles, for municipal IT.

PyInstaller writes the source path of every file it puts into the bundle
(UTVAG_BUILD_MANIFEST, see utvag.spec). Each path is matched to the installed
distribution whose RECORD lists it, so the SBOM names exactly the packages whose code or
data ships, at the versions installed; those must be the versions pinned in
requirements/lock.txt, or the build fails. The Python runtime and PyInstaller's
bootloader ship too and are listed with them.

    python installer/sbom.py --check dist/utvag-0.1.0.cdx.json PySide6-Essentials pyHanko
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from cyclonedx.contrib.license.factories import LicenseFactory
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from packageurl import PackageURL
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lockfile  # (installer/ is not a package: found beside this file)


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))  # (realpath costs seconds on 15,000 files)


def bundled_distributions(
    sources: Iterable[str], candidates: Iterable[metadata.Distribution] | None = None
) -> dict[str, metadata.Distribution]:
    """The installed distributions (by canonical name; all of them, or ``candidates``)
    that own at least one of the source files."""
    owner: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions() if candidates is None else candidates:
        for file in dist.files or []:
            owner[_key(str(dist.locate_file(file)))] = dist
    found: dict[str, metadata.Distribution] = {}
    for source in sources:
        dist = owner.get(_key(source))
        if dist is not None and dist.metadata.get("Name"):
            found[canonicalize_name(dist.metadata["Name"])] = dist
    return found


def lock_mismatches(dists: dict[str, metadata.Distribution], lock_text: str) -> list[str]:
    pins = lockfile.read_lock(lock_text)
    found = []
    for name, dist in sorted(dists.items()):
        pin = pins.get(name)
        if pin is None or pin.version != dist.version:
            locked = pin.version if pin else "not in the lock"
            found.append(f"{name} {dist.version} is bundled, requirements/lock.txt: {locked}")
    return found


def _licenses(dist: metadata.Distribution) -> list[object]:
    meta = dist.metadata
    factory = LicenseFactory()
    if meta.get("License-Expression"):
        return [factory.make_from_string(meta["License-Expression"])]
    classifiers = [
        c.rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    text = (meta.get("License") or "").strip()
    names = classifiers or ([text] if text and len(text) <= 100 and "\n" not in text else [])
    return [factory.make_from_string(name) for name in names]


def _component(dist: metadata.Distribution) -> Component:
    name, version = dist.metadata["Name"], dist.version
    return Component(
        type=ComponentType.LIBRARY,
        name=name,
        version=version,
        bom_ref=f"pypi:{canonicalize_name(name)}",
        purl=PackageURL("pypi", canonicalize_name(name), version),
        description=dist.metadata.get("Summary") or None,
        licenses=_licenses(dist),  # type: ignore[arg-type]
    )


def make_bom(dists: dict[str, metadata.Distribution], version: str) -> Bom:
    bom = Bom()
    root = Component(
        type=ComponentType.APPLICATION,
        name="Utväg",
        version=version,
        bom_ref="utvag",
        description="Frozen one-folder bundle (PyInstaller)",
    )
    bom.metadata.component = root
    python = Component(
        type=ComponentType.PLATFORM,
        name="CPython",
        bom_ref="cpython",
        version=platform.python_version(),
        description="Python runtime and standard library in the bundle",
        licenses=[LicenseFactory().make_from_string("PSF-2.0")],
    )
    bom.components.add(python)
    components = {name: _component(dist) for name, dist in dists.items()}
    for component in components.values():
        bom.components.add(component)
    bom.register_dependency(root, [python, *components.values()])
    for name, dist in dists.items():
        needs = {
            canonicalize_name(Requirement(r).name)
            for r in dist.requires or []
            if _applies(Requirement(r))
        }
        bom.register_dependency(
            components[name], [components[n] for n in sorted(needs) if n in components]
        )
    return bom


def _applies(req: Requirement) -> bool:
    return req.marker is None or req.marker.evaluate({"extra": ""})


def to_json(bom: Bom) -> str:
    """The SBOM as CycloneDX 1.6 JSON, checked against the CycloneDX schema."""
    text = JsonV1Dot6(bom).output_as_string(indent=2)
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    if error is not None:
        raise ValueError(f"SBOM does not match the CycloneDX schema: {error}")
    return text


def write_sbom(manifest: Path, lock: Path, out: Path, version: str) -> list[str]:
    """Write the SBOM for the bundle described by ``manifest``; return the problems
    (bundled versions that differ from the lock) instead of writing when there are any."""
    dists = bundled_distributions(json.loads(manifest.read_text(encoding="utf-8")))
    dists.pop("utvag", None)  # the project itself is the SBOM's subject, not a component
    build_tool = "pyinstaller"  # its bootloader is the bundle's executable
    dists.setdefault(build_tool, metadata.distribution(build_tool))
    problems = lock_mismatches(dists, lock.read_text(encoding="utf-8"))
    if not problems:
        out.write_text(to_json(make_bom(dists, version)) + "\n", encoding="utf-8")
    return problems


def check(sbom: Path, names: Iterable[str]) -> list[str]:
    """What a CI check of the written SBOM finds missing (empty when all is there)."""
    data = json.loads(sbom.read_text(encoding="utf-8"))
    listed = {canonicalize_name(c["name"]): c.get("version") for c in data.get("components", [])}
    return [
        f"{name} is not listed with a version in {sbom.name}"
        for name in names
        if not listed.get(canonicalize_name(name))
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Check the SBOM of a frozen build.")
    parser.add_argument("--check", type=Path, required=True, metavar="SBOM")
    parser.add_argument("names", nargs="+", help="packages that must be listed")
    args = parser.parse_args(argv)
    missing = check(args.check, args.names)
    for line in missing:
        print(f"sbom: {line}", file=sys.stderr)
    if not missing:
        data = json.loads(args.check.read_text(encoding="utf-8"))
        wanted = {canonicalize_name(n) for n in args.names}
        listed = [
            f"{c['name']} {c['version']}"
            for c in data["components"]
            if canonicalize_name(c["name"]) in wanted
        ]
        print(f"sbom: {len(data['components'])} components, including {', '.join(listed)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
