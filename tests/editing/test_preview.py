"""The live preview: the page readers would get, rendered by the app that owns
its kind, with the site's checks; for staff, never saved."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from articles.models import Article
from pages.models import Kind, Page
from tests.factories import ArticleFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = """## Getting started

| Setting | Value |
| --- | --- |
| workers | 4 |

```python
print("hi")
```
"""


def new(model):
    """The preview address of an article or page not saved yet."""
    kind = ContentType.objects.get_for_model(model)
    return f"/admin/editing/new/{kind.pk}/preview/"


def of(publishable):
    return f"/admin/editing/entries/{publishable.entry_id}/preview/"


def test_the_preview_renders_the_body_with_the_sites_pipeline(editor_client):
    answer = editor_client.post(
        new(Article), {"title": "Workers & settings", "summary": "Why.", "body": BODY}
    )

    assert answer.status_code == 200
    html = answer.json()["html"]
    assert '<h2 id="s-getting-started">' in html
    assert "<td>workers</td>" in html
    assert '<pre><code class="language-python">' in html
    assert "<h1>Workers &amp; settings</h1>" in html
    assert "/static/css/site." in html


def test_a_preview_is_not_counted_as_a_reading(editor_client, settings):
    settings.ANALYTICS_ENABLED = True
    article = ArticleFactory()

    preview = editor_client.post(of(article), {"title": "T", "body": "x"})

    assert "data-count=" not in preview.json()["html"]
    assert "data-count=" in editor_client.get(article.get_absolute_url()).text


def test_a_draft_reads_as_a_draft_not_as_published(editor_client):
    html = editor_client.post(new(Article), {"title": "T", "body": "x"}).json()["html"]

    assert "Draft, not published" in html and "Published <time" not in html
    assert "It is not public yet." in html


def test_the_preview_counts_words_as_the_checks_do(editor_client):
    body = "## Two words\n\n| a | b |\n| --- | --- |\n| one | two |\n\n`code` here\n"

    answer = editor_client.post(new(Article), {"title": "T", "body": body}).json()

    # Readers get "Two words", the four cells and "code here": eight words,
    # not the Markdown's thirteen with its marks.
    assert answer["word_count"] == 8
    [thin] = [check for check in answer["checks"] if check["name"] == "thin_content"]
    assert "Only 8 words" in thin["message"]


def test_a_page_is_previewed_as_a_page(editor_client):
    page = PageFactory(title="About us", kind=Kind.ABOUT, body="Stored.")

    answer = editor_client.post(
        of(page), {"title": "About this site", "summary": "Who.", "body": "Typed."}
    )

    assert answer.status_code == 200
    html = answer.json()["html"]
    assert "<h1>About this site</h1>" in html and "<p>Typed.</p>" in html
    assert '"@type":"AboutPage"' in html  # the page's own template and meta
    assert "min read" not in html  # no article byline
    page.refresh_from_db()
    assert page.body == "Stored."


def test_a_new_page_is_previewed_as_a_page_of_its_kind(editor_client):
    answer = editor_client.post(
        new(Page), {"title": "Contact", "kind": Kind.CONTACT, "body": "Write."}
    )

    assert '"@type":"ContactPage"' in answer.json()["html"]


def test_what_an_editor_pastes_is_sanitised_in_the_preview_too(editor_client):
    answer = editor_client.post(
        new(Article),
        {"title": "T", "body": "<script>alert(1)</script>\n\n[x](javascript:alert(1))"},
    )

    html = answer.json()["html"]
    assert "<script>alert" not in html and 'href="javascript:' not in html


def test_the_preview_lists_checks_and_marks_those_that_block_publishing(
    editor_client,
):
    answer = editor_client.post(
        new(Article),
        {"title": "T", "body": "#### Deep\n\n![IMG_0042.jpg](/a.png)\n\n![](/b.png)\n"},
    )

    checks = {check["name"]: check for check in answer.json()["checks"]}
    assert checks["headings"]["ok"] is False and checks["headings"]["blocks"]
    assert checks["image_alt"]["blocks"]
    assert checks["image_alt"]["message"].startswith(
        "The image b.png (line 5) has no alt text."
    )
    assert checks["title_length"]["ok"] is False
    assert checks["title_length"]["blocks"] is False
    # Failures that block come first.
    assert answer.json()["checks"][0]["blocks"]


def test_the_preview_of_a_saved_article_changes_nothing_stored(editor_client):
    article = ArticleFactory(title="Stored title", body="Stored body.")
    version = article.version

    editor_client.post(of(article), {"title": "Typed title", "body": "Typed."})

    article.refresh_from_db()
    assert (article.title, article.body, article.version) == (
        "Stored title",
        "Stored body.",
        version,
    )
    assert Article.objects.count() == 1


def test_only_staff_who_may_write_get_a_preview(client):
    article = ArticleFactory()
    assert client.post(new(Article), {"body": "x"}).status_code == 302  # sign in
    client.force_login(UserFactory(is_staff=True))
    assert client.post(new(Article), {"body": "x"}).status_code == 403
    assert client.post(of(article), {"body": "x"}).status_code == 403


def test_the_preview_needs_the_forms_csrf_token(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    assert browser.post(new(Article), {"body": "x"}).status_code == 403


def test_bad_input_is_a_clear_400_or_404(editor_client):
    answer = editor_client.post(new(Article), {"author": "nine", "body": "a\x00b"})

    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"author", "body"}
    assert editor_client.post(of(PageFactory()), {"kind": "shop"}).status_code == 400
    user_kind = ContentType.objects.get(app_label="auth", model="user")
    nothing_edited_here = f"/admin/editing/new/{user_kind.pk}/preview/"
    assert editor_client.post(nothing_edited_here, {}).status_code == 404
    assert editor_client.post("/admin/editing/new/999999/preview/").status_code == 404


def test_a_get_is_refused(editor_client):
    assert editor_client.get(new(Article)).status_code == 405
