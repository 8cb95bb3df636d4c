"""Apps depend one way: each imports only apps in the layers below its own.

The layers, top to bottom, are the architecture (docs/architecture.md): an
app may import any app of a lower layer, none of its own layer or above, so
no two apps can ever import each other, however indirectly. The graph is
read from the source itself (every import of every module but migrations).
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LAYERS = (
    # Settings, URLs and the server entry: they name every app.
    {"config"},
    # Moving a whole site in and out.
    {"wordpress"},
    # What works on content from outside it: the editor in the admin,
    # mail to subscribers.
    # analytics: reading counts; it reads articles' series, nothing imports it.
    {"editing", "subscriptions", "analytics"},
    # The kinds of content.
    {"articles", "pages"},
    # What attaches to any kind of content.
    {"comments"},
    # What every kind of content shares.
    {"publishing"},
    # Links mailed to readers and the pages they open (comments, sign-ups).
    {"mailedlinks"},
    # Services content uses.
    {"seo", "library", "twofactor", "jobs"},
    {"pagecache"},
    {"outbound", "ratelimits"},
    # Cross-cutting request pieces, then what they rest on.
    {"web"},
    {"database", "privacy"},
)
LAYER = {app: depth for depth, layer in enumerate(LAYERS) for app in layer}
OWN_APPS = {"config", *(config.name for config in apps.get_app_configs())} & {
    path.parent.name for path in ROOT.glob("*/__init__.py")
}


def imports_between_apps():
    """(importing app, imported app, module path) for every import that
    crosses from one of the project's apps to another."""
    found = []
    for app in OWN_APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                for name in names:
                    target = name.split(".")[0]
                    if target in OWN_APPS and target != app:
                        found.append((app, target, str(path.relative_to(ROOT))))
    return found


def test_every_app_has_its_place_in_the_layers():
    assert OWN_APPS - LAYER.keys() == set()


def test_apps_import_only_the_layers_below_their_own():
    upward = [
        f"{module}: {app} imports {target}"
        for app, target, module in imports_between_apps()
        if LAYER[target] <= LAYER[app]
    ]
    assert upward == []


def test_content_apps_never_reach_into_each_other_or_the_editor():
    """The rules the redesign exists for, named one by one."""
    never = {
        ("comments", "articles"), ("comments", "pages"), ("pages", "comments"),
        ("articles", "editing"), ("pages", "editing"), ("library", "articles"),
        ("seo", "articles"), ("pagecache", "articles"),
    }  # fmt: skip
    assert {(a, t) for a, t, _ in imports_between_apps()} & never == set()


def test_no_app_imports_another_apps_views():
    crossing = [
        module
        for app, target, module in imports_between_apps()
        for node in ast.walk(ast.parse((ROOT / module).read_text()))
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith(f"{target}.views")
    ]
    assert crossing == []
