"""Package boundaries: a name that starts with ``_`` belongs to its own package, and
ui/ reaches the store and the vault only through their public modules
(docs/ARCHITECTURE.md, "Layers and who may import what")."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

# The vault modules ui/ may import; the rest (db, keyslots, throttle, audit, anchor,
# migrations, ...) are the vault's insides. Every store module except base.py is a
# public area of the one Store facade (its records, constants and types).
UI_VAULT_MODULES = {"app.vault", "app.vault.vault", "app.vault.facts", "app.vault.location",
                    "app.vault.backup", "app.vault.rotate"}  # fmt: skip
UI_STORE_FORBIDDEN = {"app.store.base"}


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str, is_package: bool) -> str:
    return module if is_package else module.rpartition(".")[0]


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = package_of(module, is_package).split(".")
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[str, str, int]]:
    """(source module, imported name or "", line) for every import in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module, is_package)
            found += [(base, a.name, node.lineno) for a in node.names]
    return found


def private_definitions(source: str) -> set[str]:
    """Private names a module defines: functions, classes, assignments, ``self._x``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.id if isinstance(node, ast.Name) else node.attr)
    return {n for n in names if is_private(n)}


def private_crossings(
    source: str, module: str, is_package: bool = False, own: frozenset[str] = frozenset()
) -> list[str]:
    """Private names this module takes from another package: ``from x import _y``,
    ``import x._y`` and ``name._y`` where ``_y`` is not defined in this package
    (``own``: the private names the package's modules define)."""
    package = package_of(module, is_package)
    local_names: set[str] = set()
    found = []
    for base, name, line in imports(source, module, is_package):
        home = base if name else base.rpartition(".")[0]
        crossing = not (home == package or home.startswith(package + "."))
        if crossing and (is_private(name) or any(is_private(p) for p in base.split("."))):
            found.append(f"{line}: {base}.{name}".rstrip("."))
        if name and not crossing:
            local_names.add(name)
    tree = ast.parse(source)
    local_names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef | ast.FunctionDef)}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and is_private(node.attr)
            and node.attr not in own
            and isinstance(node.value, ast.Name)
            and node.value.id not in {"self", "cls", *local_names}
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def ui_internal_imports(source: str, module: str) -> list[str]:
    """Store or vault modules ``source`` imports that ui/ must not touch."""
    known = {module_name(p) for p in (REPO / "app").rglob("*.py")}
    found = []
    for base, name, line in imports(source, module):
        target = f"{base}.{name}" if f"{base}.{name}" in known else base
        if target in UI_STORE_FORBIDDEN or (
            target.startswith("app.vault") and target not in UI_VAULT_MODULES
        ):
            found.append(f"{line}: {target}")
    return found


def _sources(*folders: str) -> list[tuple[Path, str, bool]]:
    return [
        (path, module_name(path), path.name == "__init__.py")
        for folder in folders
        for path in sorted((REPO / folder).rglob("*.py"))
    ]


def test_no_package_takes_another_packages_private_names() -> None:
    sources = _sources("app", "ui")
    own: dict[str, set[str]] = {}
    for path, module, is_package in sources:
        names = private_definitions(path.read_text(encoding="utf-8"))
        own.setdefault(package_of(module, is_package), set()).update(names)
    offenders = {}
    for path, module, is_package in sources:
        package = frozenset(own[package_of(module, is_package)])
        bad = private_crossings(path.read_text(encoding="utf-8"), module, is_package, package)
        if bad:
            offenders[module] = bad
    assert offenders == {}


def test_ui_reaches_store_and_vault_only_through_their_public_modules() -> None:
    offenders = {}
    for path, module, _is_package in _sources("ui"):
        bad = ui_internal_imports(path.read_text(encoding="utf-8"), module)
        if bad:
            offenders[module] = bad
    assert offenders == {}


def test_the_private_name_check_catches_each_kind_of_crossing() -> None:
    source = (
        "from app.handover.render import _PAGES_FORM, build_document\n"
        "from app.store.search import black_out\n"
        "import app._version\n"
        "def f(store):\n    return store._read()\n"
    )
    assert private_crossings(source, "app.reports.statistics") == [
        "1: app.handover.render._PAGES_FORM",
        "3: app._version",
        "5: store._read",
    ]
    # inside its own package (and the gettext ``_``) a private name is fine
    same = "from app.reports.statistics import _decorate\nfrom app.i18n import _\n"
    assert private_crossings(same, "app.reports.retention_protocol") == []
    assert private_crossings("from ._version import v\n", "app", is_package=True) == []
    own = "class Vault:\n    pass\nv = Vault._open()\nx = self._y\n"
    assert private_crossings(own, "app.vault.backup") == []
    # a sibling module of the same package may use what the package defines
    sibling = "def f(store):\n    return store._read()\n"
    assert private_crossings(sibling, "app.store.transfer", own=frozenset({"_read"})) == []
    assert private_definitions("class S:\n    def _read(self):\n        self._n = 1\n") == {
        "_read",
        "_n",
    }


def test_the_ui_check_catches_vault_and_store_internals() -> None:
    source = (
        "from app.vault import keyslots, throttle\n"
        "from app.vault.db import cipher_version\n"
        "from app.store.base import StoreBase\n"
        "from app.vault import facts\n"
        "from app.vault.vault import Vault\n"
        "from app.store.search import MAX_QUERY_CHARS\n"
        "from app.store import Store\n"
    )
    assert ui_internal_imports(source, "ui.vault.unlock") == [
        "1: app.vault.keyslots",
        "1: app.vault.throttle",
        "2: app.vault.db",
        "3: app.store.base",
    ]
