"""Apps depend one way: comments builds on articles, never the reverse."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("articles", "comments", "seo", "subscriptions")


def imported_apps(app):
    """(module, imported module) for every import of another app in `app`."""
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [(path.name, name) for name in names if name.split(".")[0] in APPS]
    return found


def test_articles_does_not_import_comments():
    assert [
        (module, name)
        for module, name in imported_apps("articles")
        if name.startswith("comments")
    ] == []


def test_comments_reach_subscriptions_only_through_the_personal_data_hook():
    assert [
        (module, name)
        for module, name in imported_apps("comments")
        if name.startswith("subscriptions")
    ] == []


def test_no_app_imports_another_apps_views():
    for app in APPS:
        crossing = [
            (module, name)
            for module, name in imported_apps(app)
            if not name.startswith(app) and name.split(".")[1:2] == ["views"]
        ]
        assert crossing == [], app
