"""The README says what the site is and where to read on; the guides it
points at exist, and so does every file a guide links to."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")  # https:, mailto:, the library's image:


def local_links(path):
    return [
        target for target in LINK.findall(path.read_text()) if not SCHEME.match(target)
    ]


def test_the_readme_is_short_and_names_the_two_commands():
    readme = (ROOT / "README.md").read_text()

    assert len(readme.splitlines()) <= 60
    assert "make run" in readme and "make test" in readme


def test_every_guide_is_linked_from_the_readme():
    linked = {Path(target).name for target in local_links(ROOT / "README.md")}

    assert linked == {path.name for path in (ROOT / "docs").glob("*.md")}


def test_every_local_link_in_the_readme_and_the_guides_leads_to_a_file():
    documents = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]

    broken = [
        f"{document.name}: {target}"
        for document in documents
        for target in local_links(document)
        if not (document.parent / target).exists()
    ]

    assert broken == []
