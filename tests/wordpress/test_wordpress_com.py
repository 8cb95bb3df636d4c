"""A 2025 WordPress.com export: its blog's own permalinks, its About page, and
what its posts hold (issue items 2, 5, 6, 7)."""

import pytest

from articles.models import Article
from comments.models import Comment
from pages.models import Kind, Page
from tests.wordpress.conftest import FIXTURES, imported_for_module

pytestmark = pytest.mark.django_db
EXPORT = FIXTURES / "wordpress-com-2025.xml"
BLOG = "https://quietharbour.wordpress.com"


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    with imported_for_module(django_db_blocker, EXPORT) as out:
        yield out


@pytest.fixture
def imported(imported_once, db):
    return imported_once


def answer(client, old):
    response = client.get(old)
    return response.status_code, response.get("Location")


def test_the_blogs_own_permalinks_redirect_not_only_its_query_addresses(
    client, imported
):
    moved = {
        "/2025/01/18/hauling-out-for-winter/": "/articles/hauling-out-for-winter/",
        "/2025/01/18/varnish-eight-coats/": "/articles/varnish-eight-coats/",
        "/2025/01/18/listening-to-the-yard/": "/articles/listening-to-the-yard/",
        "/2025/01/18/rope-knots-a-first-list/": "/articles/rope-knots-a-first-list/",
        "/2025/01/18/31/": "/articles/31/",
        "/?p=12": "/articles/hauling-out-for-winter/",
        "/?page_id=40": "/about/moorings/",
    }

    assert {old: answer(client, old) for old in moved} == {
        old: (301, new) for old, new in moved.items()
    }
    greek = client.get("/2025/01/18/%cf%84%ce%bf-%ce%bb%ce%b9%ce%bc%ce%ac%ce%bd%ce%b9/")
    assert greek.status_code == 301
    assert client.get(greek["Location"]).status_code == 200


def test_their_about_page_takes_about_from_the_sites_unedited_one(client, imported):
    page = client.get("/about/")

    assert page.status_code == 200
    assert "six-berth boatyard" in page.text
    about = Page.objects.get(path="about")
    assert (about.kind, about.show_in) == (Kind.ABOUT, "footer")
    assert client.get("/about/moorings/").status_code == 200
    assert not Page.objects.get(slug="about-as-shipped").is_live


def test_the_report_says_the_about_page_took_the_address(imported):
    assert (
        "page “About” takes /about/ from the site's own “About this site”, "
        "unedited since the site was set up (now a draft)" in imported
    )


def test_titles_lose_their_html_and_an_untitled_post_takes_its_first_words(
    imported,
):
    assert Article.objects.get(slug="varnish-eight-coats").title == (
        "Varnish, eight coats"
    )
    assert Article.objects.get(slug="31").title == (
        "Fog so thick this evening that the harbour light was only…"
    )


def test_a_summary_is_the_first_paragraph_not_a_heading_and_a_list(imported):
    knots = Article.objects.get(slug="rope-knots-a-first-list")

    assert knots.summary.startswith("Between them they cover nearly everything")
    assert "Bowline" not in knots.summary and "Four knots" not in knots.summary


def test_the_sticky_post_is_pinned_first_on_the_home_page(client, imported):
    assert Article.objects.get(slug="hauling-out-for-winter").pinned

    latest = client.get("/").context["latest"]

    assert latest[0].title == "Hauling out for winter"


def test_comments_keep_their_lists_and_the_authors_reply_is_marked(client, imported):
    question = Comment.objects.get(name="Tom Aldous")
    reply = Comment.objects.get(name="Ines Marlow")

    assert question.body_is_html and not question.is_staff_reply
    assert reply.is_staff_reply
    html = client.get("/articles/hauling-out-for-winter/").text
    assert "<li>one <em>very</em> sore back</li>" in html
    assert html.count('class="comment comment-staff"') == 1


def test_a_pages_comments_come_along(client, imported):
    about = Page.objects.get(path="about")

    assert about.comments_open
    assert [c.name for c in Comment.objects.on(about)] == ["Priya N."]
    assert "Do you take boats over 30 feet?" in client.get("/about/").text


def test_a_greek_slug_is_kept_not_numbered(imported):
    article = Article.objects.get(title="Το λιμάνι τον χειμώνα")

    assert article.slug == "το-λιμάνι"
    assert "is taken here" not in imported


def test_the_audio_block_and_the_youtube_embed_are_not_lost(client, imported):
    html = client.get("/articles/listening-to-the-yard/").text

    assert (
        f'<a href="{BLOG}/wp-content/uploads/2025/01/halyards.mp3" rel="noopener">'
        "Listen: halyards.mp3</a>" in html
    )
    assert (
        '<figure class="link-card"><a href="https://www.youtube.com/watch?v='
        '0qAJv6y4DyY" rel="noopener"><strong>YouTube</strong> '
        "www.youtube.com/watch?v=0qAJv6y4DyY</a></figure>" in html
    )
    assert "<iframe" not in html


def test_a_gallery_block_links_to_no_attachment_page_of_the_old_blog(client, imported):
    html = client.get("/articles/varnish-eight-coats/").text.split("<main", 1)[1]

    assert "/varnish-eight-coats/tiller-bare/" not in html
    assert (
        '<span class="image-elsewhere">Image: <a href="'
        f'{BLOG}/wp-content/uploads/2025/01/tiller-bare.jpg?w=768" rel="noopener">'
        "The tiller sanded back to bare ash</a></span>" in html
    )


def test_a_classic_gallery_without_ids_shows_the_posts_own_images(client, imported):
    html = client.get("/articles/rope-knots-a-first-list/").text

    assert ">A clove hitch around a bollard</a>" in html  # from its attachment
    assert ">bowline.jpg</a>" in html  # no alt text: its file name
