"""The SEO checks editors see before publishing."""

import pytest
from django.core.management import call_command

from articles.audit import audit_subject
from publishing.models import Status
from seo.audit import audit
from tests.admin_forms import change_form_data, save_in_admin
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "A title of a comfortable, readable length",
    "summary": "A description long enough to fill a search result snippet nicely, and "
    "short enough that search engines will show all of it to readers.",
    "body": "## Section\n\n" + "word " * 320,
}


def checks(article):
    return {check.name: check for check in audit(audit_subject(article))}


def test_a_well_made_article_passes_every_check():
    results = checks(ArticleFactory(**GOOD))

    assert {name: c.ok for name, c in results.items() if not c.ok} == {}
    assert len(results) == 10


@pytest.mark.parametrize(
    ("fields", "name", "message"),
    [
        (
            {"title": "Too short"},
            "title_length",
            "Title is 9 characters; make it longer",
        ),
        (
            {"title": "x" * 61},
            "title_length",
            "Title is 61 characters; make it shorter",
        ),
        ({"summary": "Brief."}, "description_length", "Description is 6 characters"),
        (
            {"body": "![](/x.png)\n\n" + "w " * 320},
            "image_alt",
            "1 image(s) without alt",
        ),
        (
            {"body": "![IMG_2041.JPG](/x.png)\n\n" + "w " * 320},
            "image_alt",
            "Alt text “IMG_2041.JPG” names a file",
        ),
        (
            {"body": "![screenshot](/x.png)\n\n" + "w " * 320},
            "image_alt",
            "Alt text “screenshot” names a file",
        ),
        (
            {"body": "The guide is [here](https://example.org/).\n\n" + "w " * 320},
            "link_text",
            "A link says “here”: say where it goes instead.",
        ),
        (
            {"body": "[Read more…](/articles/x/)\n\n" + "w " * 320},
            "link_text",
            "A link says “Read more…”",
        ),
        ({"body": "# Big\n\n" + "w " * 320}, "headings", "The body has an h1"),
        (
            {"body": "## A\n\n#### B\n\n" + "w " * 320},
            "headings",
            "An h4 follows an h2",
        ),
        ({"body": "Too few words."}, "thin_content", "Only 3 words"),
    ],
)
def test_each_rule_warns(fields, name, message):
    result = checks(ArticleFactory(**{**GOOD, **fields}))[name]

    assert not result.ok
    assert message in result.message


def test_duplicate_titles_and_descriptions_across_the_site_warn():
    ArticleFactory(**GOOD)
    results = checks(ArticleFactory(**GOOD))

    assert not results["duplicate_title"].ok
    assert not results["duplicate_description"].ok


def test_links_to_unpublished_articles_warn():
    ArticleFactory(slug="not-yet", status=Status.DRAFT)
    ArticleFactory(slug="public")
    linking = ArticleFactory(
        **{
            **GOOD,
            "body": "[a](/articles/public/) [b](/articles/not-yet/)\n\n" + "w " * 320,
        }
    )

    result = checks(linking)["unpublished_links"]

    assert not result.ok and "/articles/not-yet/" in result.message


def test_structured_data_problems_warn():
    result = checks(ArticleFactory(**{**GOOD, "title": "x" * 111}))["jsonld"]

    assert not result.ok and "headline is longer than 110" in result.message


def test_the_change_form_shows_previews_and_checks(editor_client):
    article = ArticleFactory(**GOOD)

    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    html = html.content.decode()

    assert "In search results" in html and "As a social card" in html
    assert "Title is 41 characters (aim 30–60)." in html


def test_publishing_warns_about_failed_checks(editor_client):
    article = ArticleFactory(title="Short")

    response = save_in_admin(editor_client, article, title="Short")
    messages = [str(m) for m in response.wsgi_request._messages]

    assert any("SEO: Title is 5 characters" in m for m in messages)


def test_blocking_checks_stop_publishing_until_fixed(editor_client, settings):
    settings.SEO_BLOCKING_CHECKS = ["title_length"]
    article = ArticleFactory(title="Short", status=Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = {**change_form_data(editor_client.get(url)), "status": Status.PUBLISHED}

    response = editor_client.post(url, {**data, "body": "Kept."}, follow=True)

    assert "Saved as a draft, not published: Title is 5 characters" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert (article.status, article.body) == (Status.DRAFT, "Kept.")
    data = {**change_form_data(editor_client.get(url)), "status": Status.PUBLISHED}
    editor_client.post(url, {**data, "title": GOOD["title"]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_the_publish_action_applies_the_same_blocking_checks(editor_client, settings):
    settings.SEO_BLOCKING_CHECKS = ["title_length"]
    blocked = ArticleFactory(title="Short", status=Status.DRAFT)
    ready = ArticleFactory(status=Status.DRAFT, **GOOD)

    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [blocked.pk, ready.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "“Short” was not published: Title is 5" in html
    blocked.refresh_from_db()
    ready.refresh_from_db()
    assert (blocked.status, ready.status) == (Status.DRAFT, Status.PUBLISHED)


def test_seo_audit_command_prints_a_line_per_check(capsys):
    ArticleFactory(slug="audited", **GOOD)

    call_command("seo_audit")

    out = capsys.readouterr().out
    assert "audited (Published)" in out
    assert "  pass  title_length: Title is 41 characters" in out
    assert out.strip().endswith("0 warning(s) in 1 article(s).")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("![](/static/img/logo.png)", "The image logo.png (line 1) has no alt text"),
        ("![DSC_0042.JPG](/static/img/logo.png)", "names a file"),
        ("## A\n\n#### B", "An h4 follows an h2"),
        ("More [here](https://example.org/).", "A link says “here”"),
    ],
)
def test_accessibility_checks_stop_publishing_by_default(editor_client, body, message):
    article = ArticleFactory(**GOOD, status=Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = {
        **change_form_data(editor_client.get(url)),
        "status": Status.PUBLISHED,
        "body": f"{body}\n\n" + "word " * 320,
    }

    response = editor_client.post(url, data, follow=True)

    assert "Saved as a draft, not published: " in response.content.decode()
    assert message in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
