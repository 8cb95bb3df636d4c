"""No article goes live while an image in it has no alt text and is not marked
decorative."""

import pytest

from articles.models import Article
from publishing.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, AuthorFactory
from tests.library.conftest import images_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def publish_in_admin(client, article, **changes):
    url = f"{CHANGELIST}{article.pk}/change/"
    data = {**change_form_data(client.get(url)), "status": "published", **changes}
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def test_an_image_without_alt_text_keeps_a_draft_a_draft_saying_which(
    editor_client, library_image
):
    chart = library_image(name="sales-chart.png")
    body = f"Words.\n\n![](image:{chart.pk})"
    draft = ArticleFactory(status=Status.DRAFT, body=body, title="Sales")

    response = publish_in_admin(editor_client, draft, title="Sales by month")

    assert response.status_code == 302
    assert (
        "Saved as a draft, not published: The image sales-chart.png (line 3) has "
        "no alt text. Describe it in the Markdown, ![what it shows](…), or in the "
        "media library, where an image that adds nothing a reader would miss can "
        "be marked decorative."
    ) in messages_of(response)
    saved = Article.objects.get()
    assert (saved.status, saved.title) == (Status.DRAFT, "Sales by month")


def test_a_new_article_refused_publishing_is_saved_as_a_draft_naming_every_image(
    editor_client, library_image
):
    chart, photo = library_image(name="chart.png"), library_image(name="team.jpg")
    form = change_form_data(editor_client.get(f"{CHANGELIST}add/"))
    body = f"![](image:{chart.pk})\n\nWords.\n\nMore ![](image:{photo.pk})"

    response = editor_client.post(
        f"{CHANGELIST}add/",
        {
            **form,
            "title": "Our team",
            "slug": "our-team",
            "summary": "Who we are.",
            "body": body,
            "author": AuthorFactory().pk,
            "status": "published",
        },
    )

    assert response.status_code == 302
    [warning] = [m for m in messages_of(response) if m.startswith("Saved as a draft")]
    assert warning.startswith(
        "Saved as a draft, not published: 2 images have no alt text: chart.png "
        "(line 1) and team.jpg (line 5). Describe each in the Markdown,"
    )
    saved = Article.objects.get(slug="our-team")
    assert (saved.status, saved.published_at, saved.body) == (Status.DRAFT, None, body)


def test_a_live_article_is_not_saved_with_an_image_without_alt_text(
    editor_client, library_image
):
    chart = library_image(name="chart.png")
    article = ArticleFactory(body="Words.")

    response = publish_in_admin(
        editor_client, article, body=f"Words.\n\n![](image:{chart.pk})"
    )

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.non_field_errors()[0]
        .startswith(
            "Not saved, so what is published stays as it was: The image chart.png "
            "(line 3) has no alt text."
        )
    )
    article.refresh_from_db()
    assert (article.status, article.body) == (Status.PUBLISHED, "Words.")


@pytest.mark.parametrize(
    ("fields", "markdown_alt"),
    [
        ({"decorative": True}, ""),
        ({}, "A bar chart of sales"),
        ({"alt_text": "A chart"}, ""),
    ],
)
def test_alt_text_or_the_decorative_mark_lets_it_go_live(
    editor_client, library_image, fields, markdown_alt
):
    chart = library_image(**fields)
    draft = ArticleFactory(
        status=Status.DRAFT,
        body=f"![{markdown_alt}](image:{chart.pk})",
    )

    response = publish_in_admin(editor_client, draft)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().status == Status.PUBLISHED


def test_the_list_action_and_any_image_follow_the_same_rule(editor_client):
    draft = ArticleFactory(
        title="Logos", status=Status.DRAFT, body="![](/static/img/logo.png)"
    )

    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )

    assert (
        "“Logos” was not published: The image logo.png (line 1) has no alt text."
    ) in response.content.decode()
    assert Article.objects.get().status == Status.DRAFT


def test_a_decorative_image_is_skipped_by_screen_readers_and_the_seo_audit(
    client, library_image
):
    from articles.audit import audit_subject
    from seo.audit import audit

    flourish = library_image(decorative=True)
    article = ArticleFactory(body=f"Words.\n\n![](image:{flourish.pk})")

    [image] = images_in(client.get(article.get_absolute_url()).content.decode())
    [alt_check] = [c for c in audit(audit_subject(article)) if c.name == "image_alt"]

    assert (image["alt"], image["role"]) == ("", "presentation")
    assert alt_check.ok
