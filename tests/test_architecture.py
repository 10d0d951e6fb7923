"""The shape of the code, checked: no import cycle between modules of the project, and the apps import
each other only downwards (docs/architecture.md, "Dependencies between apps").

The graph is built with `ast` from every import statement, at module level and inside functions
(both run), of the project's own modules. Imports under `if TYPE_CHECKING:` are left out: they never
run, so they cannot make a cycle. Test code (`tests/`, `<app>/tests/`, conftest.py) is parsed, so a
syntax error anywhere fails here, but kept out of the graph: tests may reach into any app.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "core",
    "accounts",
    "notifications",
    "centers",
    "organizations",
    "trainings",
    "grants",
    "legal_aid",
    "results",
    "commons",
    "partnerships",
)
PACKAGES = (*APPS, "tatweer")

# What each app may import besides itself: every app stands on the floors below it and knows nothing
# above. Lower apps reach higher ones only through registries (core.navigation, core.panels,
# core.exports, core.indicators, core.measures, core.files, core.demo, notifications.kinds,
# organizations.profile_sections), which the higher apps fill from their AppConfig.ready().
# `tatweer` (settings, root URLs, Celery app) is the project itself: it may import every app, and no
# app imports it.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "accounts": {"core"},
    "notifications": {"core", "accounts"},  # a notification's recipient is an accounts.User
    "centers": {"core", "accounts", "notifications"},
    "organizations": {"core", "accounts", "notifications", "centers"},
    "trainings": {"core", "accounts", "notifications", "centers", "organizations"},
    "grants": {"core", "accounts", "notifications", "centers", "organizations"},
    "legal_aid": {"core", "accounts", "notifications", "centers", "organizations"},
    # Results reporting reads the other apps' figures only through core.measures: it imports none of
    # trainings, grants or legal_aid, and they know nothing of it.
    "results": {"core", "accounts", "notifications", "centers", "organizations"},
    # The civil-society platform cites training packages and publishes grantees' reports as case
    # studies; it gives the donor its uptake through core.measures.
    "commons": {"core", "accounts", "notifications", "centers", "organizations", "trainings", "grants"},
    "partnerships": {"core", "accounts", "notifications", "centers", "organizations", "trainings", "commons"},
    "tatweer": set(APPS),
}

# Cycles still being taken apart (each is the set of modules of one strongly connected component).
# This list may only shrink: the test fails on a cycle not listed here and on a listed one that no
# longer exists exactly as written, so when a re-lay breaks a cycle, its entry is removed.
KNOWN_CYCLES: list[frozenset[str]] = []


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    top_level: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_test_code(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" or "tests" in parts or parts[-1] == "conftest"


def python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0].startswith(".") or relative.parts[0] in ("node_modules", "staticfiles"):
            continue
        yield path


def parse_all() -> dict[str, ast.Module]:
    """Every Python file of the checkout, parsed (a syntax error anywhere fails the test)."""
    return {module_name(path): ast.parse(path.read_text(), filename=str(path)) for path in python_files()}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports_in(tree: ast.Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """(import statement, whether it is at module level), skipping `if TYPE_CHECKING:` blocks."""

    def walk(node: ast.AST, top_level: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                for orelse in child.orelse:
                    yield from walk(ast.Module(body=[orelse], type_ignores=[]), top_level)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, top_level
                continue
            nested = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, top_level and not nested)

    yield from walk(tree, True)


def project_imports(modules: dict[str, ast.Module]) -> list[Import]:
    known = set(modules)
    found = []
    for source, tree in modules.items():
        if is_test_code(source) or source.split(".")[0] not in PACKAGES:
            continue
        is_package = (ROOT / source.replace(".", "/") / "__init__.py").exists()
        found.extend(
            Import(source, target, statement.lineno, top_level)
            for statement, top_level in _imports_in(tree)
            for target in _targets(statement, source, is_package, known)
            if target.split(".")[0] in PACKAGES and not is_test_code(target) and target != source
        )
    return found


def _targets(statement: ast.Import | ast.ImportFrom, source: str, is_package: bool, known: set[str]) -> list[str]:
    if isinstance(statement, ast.Import):
        return [_existing(alias.name, known) for alias in statement.names]
    base = statement.module or ""
    if statement.level:
        package = source.split(".") if is_package else source.split(".")[:-1]
        package = package[: len(package) - (statement.level - 1)]
        base = ".".join([*package, base] if base else package)
    targets = []
    for alias in statement.names:
        submodule = f"{base}.{alias.name}"
        targets.append(submodule if submodule in known else _existing(base, known))
    return targets


def _existing(name: str, known: set[str]) -> str:
    """The module itself, or its nearest parent that is a file of the project (or the name as written)."""
    parts = name.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts) if parts else name


def graph(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for edge in imports:
        edges.setdefault(edge.source, set()).add(edge.target)
        edges.setdefault(edge.target, set())
    return edges


def strongly_connected(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """Tarjan's algorithm: the components with more than one module are the cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for child in sorted(edges[node]):
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            component = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(component) > 1:
                components.append(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def a_cycle_in(component: frozenset[str], edges: dict[str, set[str]]) -> list[str]:
    """One concrete loop through the component, for the failure message."""
    start = min(component)
    path, seen = [start], {start}
    while True:
        following = sorted(edges[path[-1]] & component)
        back = [node for node in following if node in seen]
        if back:
            return [*path[path.index(back[0]) :], back[0]]
        path.append(following[0])
        seen.add(following[0])


def app_of(module: str) -> str:
    return module.split(".")[0]


def test_every_python_file_parses():
    assert parse_all()


def test_no_import_cycle_between_modules_of_the_project():
    edges = graph(project_imports(parse_all()))
    cycles = strongly_connected(edges)
    new = [f"{sorted(cycle)}: {' -> '.join(a_cycle_in(cycle, edges))}" for cycle in cycles if cycle not in KNOWN_CYCLES]
    assert new == [], "import cycles (break them: a registry, a lower module, or the import where it belongs)"
    gone = [sorted(known) for known in KNOWN_CYCLES if known not in cycles]
    assert gone == [], "KNOWN_CYCLES lists cycles that no longer exist as written: remove or narrow them"


def test_apps_import_only_the_apps_below_them():
    wrong = sorted(
        f"{edge.source}:{edge.line} imports {edge.target}"
        for edge in project_imports(parse_all())
        if app_of(edge.target) != app_of(edge.source) and app_of(edge.target) not in ALLOWED[app_of(edge.source)]
    )
    assert wrong == []


# Inside an app, the floors of its modules (a module's kind is its first name inside the app:
# `grants.services.payments` is a "services" module): what each kind may not import from its own app.
# Reads and rules stand below the writes, the writes below the pages; tasks are thin entry points that
# call services (services queue them, which the cycle test keeps from looping).
PAGES = {"views", "urls", "admin", "panels", "forms", "case_panels"}
MAY_NOT_IMPORT: dict[str, set[str]] = {
    "models": {"permissions", "rules", "selectors", "workflows", "services", "tasks"} | PAGES,
    "permissions": {"rules", "selectors", "workflows", "services", "tasks"} | PAGES,
    "workflows": {"rules", "selectors", "services", "tasks"} | PAGES,
    "rules": {"selectors", "services", "tasks"} | PAGES,
    "selectors": {"workflows", "services", "tasks"} | PAGES,
    "services": PAGES,
    "tasks": PAGES,
    "forms": {"services", "tasks", "views", "urls", "panels", "case_panels"},
    "measures": {"services", "tasks"} | PAGES,  # aggregate reads for core.measures: models, selectors, rules
}


def kind_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_inside_an_app_modules_import_only_the_floors_below_them():
    wrong = sorted(
        f"{edge.source}:{edge.line} imports {edge.target}"
        for edge in project_imports(parse_all())
        if app_of(edge.source) == app_of(edge.target)
        and kind_of(edge.target) in MAY_NOT_IMPORT.get(kind_of(edge.source), set())
    )
    assert wrong == [], "move the shared name down (a constant to models, a read to selectors or rules)"


def test_the_allowed_directions_have_no_loop():
    # The table itself is a partial order: no two apps may each import the other.
    both_ways = sorted((a, b) for a, allowed in ALLOWED.items() for b in allowed if a in ALLOWED.get(b, set()))
    assert both_ways == []


def test_the_checker_sees_function_level_imports_and_cycles():
    source = ast.parse("import core.a\n\ndef f():\n    from core import b\n    return b\n")
    found = [(statement.lineno, top_level) for statement, top_level in _imports_in(source)]
    assert found == [(1, True), (4, False)]
    edges = {"x.a": {"x.b"}, "x.b": {"x.c"}, "x.c": {"x.a"}, "x.d": {"x.a"}}
    assert strongly_connected(edges) == [frozenset({"x.a", "x.b", "x.c"})]
    assert a_cycle_in(frozenset({"x.a", "x.b", "x.c"}), edges) == ["x.a", "x.b", "x.c", "x.a"]
