"""No article goes live while an image in it has no alt text and is not marked
decorative."""

import pytest

from articles.models import Article
from publishing.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory
from tests.library.conftest import images_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def publish_in_admin(client, article, **changes):
    url = f"{CHANGELIST}{article.pk}/change/"
    data = {**change_form_data(client.get(url)), "status": "published", **changes}
    return client.post(url, data)


def test_an_image_without_alt_text_stops_publishing(editor_client, library_image):
    chart = library_image()
    body = f"Words.\n\n![](image:{chart.pk})"
    draft = ArticleFactory(status=Status.DRAFT, body=body)

    response = publish_in_admin(editor_client, draft)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        f"Not published yet: the image image:{chart.pk} has no alt text. Describe "
        "it in the Markdown, ![what it shows](…), or in the media library, where "
        "an image that adds nothing a reader would miss can be marked decorative."
    ]
    assert Article.objects.get().status == Status.DRAFT


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
        "“Logos” was not published: Not published yet: the image "
        "/static/img/logo.png has no alt text."
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
