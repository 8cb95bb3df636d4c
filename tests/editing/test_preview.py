"""The live preview: the site's own rendering and checks, for staff, never saved."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/editing/preview/"
BODY = """## Getting started

| Setting | Value |
| --- | --- |
| workers | 4 |

```python
print("hi")
```
"""


def test_the_preview_renders_the_body_with_the_sites_pipeline(editor_client):
    answer = editor_client.post(
        PREVIEW, {"title": "Workers & settings", "summary": "Why.", "body": BODY}
    )

    assert answer.status_code == 200
    html = answer.json()["html"]
    assert '<h2 id="s-getting-started">' in html
    assert "<td>workers</td>" in html
    assert '<pre><code class="language-python">' in html
    assert "<h1>Workers &amp; settings</h1>" in html
    assert "/static/css/site." in html


def test_what_an_editor_pastes_is_sanitised_in_the_preview_too(editor_client):
    answer = editor_client.post(
        PREVIEW,
        {"title": "T", "body": "<script>alert(1)</script>\n\n[x](javascript:alert(1))"},
    )

    html = answer.json()["html"]
    assert "<script>alert" not in html and 'href="javascript:' not in html


def test_the_preview_lists_checks_and_marks_those_that_block_publishing(
    editor_client,
):
    answer = editor_client.post(
        PREVIEW, {"title": "T", "body": "#### Deep\n\n![IMG_0042.jpg](/a.png)\n"}
    )

    checks = {check["name"]: check for check in answer.json()["checks"]}
    assert checks["headings"]["ok"] is False and checks["headings"]["blocks"]
    assert checks["image_alt"]["blocks"]
    assert "names a file" in checks["image_alt"]["message"]
    assert checks["title_length"]["ok"] is False
    assert checks["title_length"]["blocks"] is False
    # Failures that block come first.
    assert answer.json()["checks"][0]["blocks"]


def test_the_preview_of_a_saved_article_changes_nothing_stored(editor_client):
    article = ArticleFactory(title="Stored title", body="Stored body.")
    version = article.version

    editor_client.post(
        PREVIEW, {"article": article.pk, "title": "Typed title", "body": "Typed."}
    )

    article.refresh_from_db()
    assert (article.title, article.body, article.version) == (
        "Stored title",
        "Stored body.",
        version,
    )
    assert Article.objects.count() == 1


def test_only_staff_who_may_write_get_a_preview(client):
    assert client.post(PREVIEW, {"body": "x"}).status_code == 302  # to sign in
    client.force_login(UserFactory(is_staff=True))
    assert client.post(PREVIEW, {"body": "x"}).status_code == 403


def test_the_preview_needs_the_forms_csrf_token(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    assert browser.post(PREVIEW, {"body": "x"}).status_code == 403


def test_bad_input_is_a_clear_400(editor_client):
    answer = editor_client.post(PREVIEW, {"article": "nine", "body": "a\x00b"})

    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"article", "body"}


def test_a_get_is_refused(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405
