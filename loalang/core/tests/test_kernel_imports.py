"""Core is the kernel: it imports no other Loa Làng app (ADR 0090).

Every `.py` under loalang/core is parsed (not imported) and checked for each way Python code
can reach another app: `import loalang.places`, `from loalang.places import …`, a relative
`from ..places import …`, `apps.get_model("places", …)` / `get_model("places.Commune")`, a model
named by string (`ForeignKey("places.Commune")`), and a dotted path handed to `import_string`
or `importlib.import_module` (any string constant `"loalang.<app>…"`).

Migrations are left out: they are generated, frozen history (`0001_initial` records that the
audit entry's commune column points at `places.Commune`); the model itself names the commune
model through `settings.LOALANG_COMMUNE_MODEL`, as Django does with AUTH_USER_MODEL.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps

CORE = Path(__file__).resolve().parents[1]
CORE_PACKAGE = "loalang.core"


def other_app_labels() -> set[str]:
    return {
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("loalang.") and config.name != CORE_PACKAGE
    }


def _other_module(module: str, labels: set[str]) -> bool:
    """True for `loalang.<app>…` of an app other than core (and for bare `loalang`)."""
    parts = module.split(".")
    if parts[0] != "loalang":
        return False
    return len(parts) == 1 or parts[1] != "core"


def _resolve_relative(package: str, level: int, module: str | None) -> str:
    base = package.split(".")
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join(base + ([module] if module else []))


def violations(source: str, *, package: str, labels: set[str]) -> list[str]:
    """Each reference from `source` (a module in `package`) to another Loa Làng app."""
    found: list[str] = []
    # Packages under loalang/ besides core (apps and the project-wide test kit), for dotted
    # paths in strings; "loalang.E101" (a system-check id) is not one.
    packages = labels | {p.parent.name for p in CORE.parent.glob("*/__init__.py")} - {"core"}
    alternatives = "|".join(sorted(map(re.escape, labels)))
    model_ref = re.compile(rf"^({alternatives})\.[A-Za-z_]\w*$")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if _other_module(a.name, labels)
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = _resolve_relative(package, node.level, node.module)
            targets = [module] + [f"{module}.{a.name}" for a in node.names]
            if module == "loalang":
                targets = [f"loalang.{a.name}" for a in node.names]
            if any(_other_module(t, labels) for t in targets):
                found.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0] if node.args else None
            if (
                name == "get_model"
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value.split(".")[0] in labels
            ):
                found.append(f"line {node.lineno}: get_model({first.value!r})")
            if (
                name in {"ForeignKey", "OneToOneField", "ManyToManyField"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value.split(".")[0] in labels
            ):
                found.append(f"line {node.lineno}: {name}({first.value!r})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            if re.fullmatch(r"loalang\.\w+(\.\w+)*", text) and text.split(".")[1] in packages:
                found.append(f"line {node.lineno}: dotted path {text!r}")
            elif model_ref.match(text) and text.split(".")[1][:1].isupper():
                found.append(f"line {node.lineno}: model reference {text!r}")
    return found


def _package_of(path: Path) -> str:
    parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts if path.name == "__init__.py" else parts[:-1])


def test_core_imports_no_other_loalang_app() -> None:
    labels = other_app_labels()
    files = [p for p in CORE.rglob("*.py") if "migrations" not in p.relative_to(CORE).parts]
    assert len(files) > 20, "the walk found no core modules: is CORE the right folder?"
    problems = {
        str(path.relative_to(CORE.parent.parent)): found
        for path in sorted(files)
        if (found := violations(path.read_text(), package=_package_of(path), labels=labels))
    }
    assert problems == {}, (
        "core must not name another Loa Làng app (ADR 0090): register from the app's "
        "AppConfig.ready() (core.nav.register, core.demo.register_demo_loader) or move the "
        f"code out of core. Found: {problems}"
    )


def test_core_templates_name_no_other_app() -> None:
    labels = other_app_labels()
    alternatives = "|".join(sorted(labels))
    pattern = re.compile(r"{%\s*url\s+['\"](" + alternatives + r")[_a-z]*:")
    templates = list((CORE / "templates").rglob("*.html"))
    assert templates
    linked = [str(t) for t in templates if pattern.search(t.read_text())]
    assert linked == []


def test_the_checker_catches_every_kind_of_reference() -> None:
    labels = {"places", "plans"}
    cases = {
        "import loalang.places.models": 1,
        "from loalang.places.models import Commune": 1,
        "from loalang import places": 1,
        "from ..places import models": 1,
        "from .. import plans": 1,
        "apps.get_model('places', 'Commune')": 1,
        "get_model('places.Commune')": 1,
        "models.ForeignKey('places.commune', on_delete=None)": 1,
        "X = 'places.Commune'": 1,
        "import_string('loalang.plans.attention.attention_items')": 1,
        "importlib.import_module('loalang.plans')": 1,
        # allowed: core itself, relative imports inside core, URL names, host names
        "from loalang.core.models import AuditEntry": 0,
        "from .models import AuditEntry": 0,
        "from ..core import text": 0,
        "reverse('plans:list')": 0,
        "HOST = 'radio.lan'": 0,
    }
    for source, expected in cases.items():
        found = violations(source, package="loalang.core", labels=labels)
        assert bool(found) == bool(expected), (source, found)
