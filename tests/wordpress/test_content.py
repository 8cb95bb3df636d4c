"""The Theme Unit Test data's content, kept: galleries, sound, embeds, titles,
summaries, comments, sticky posts (issue items 5 and 6)."""

import re

import pytest

from articles.models import Article
from comments.models import Comment
from tests.wordpress.conftest import FIXTURES, imported_for_module

pytestmark = pytest.mark.django_db
FILES = "https://wpthemetestdata.files.wordpress.com"


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    path = FIXTURES / "theme-unit-test-data.xml"
    with imported_for_module(django_db_blocker, path) as out:
        yield out


@pytest.fixture
def imported(imported_once, db):
    return imported_once


def main_of(client, slug):
    page = client.get(f"/articles/{slug}/").text
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_gallery_without_ids_shows_the_posts_own_images_under_each_heading(
    client, imported
):
    html = main_of(client, "post-format-gallery")

    parts = re.split(r"<h2[^>]*>(?:<span[^>]*></span>)?(\w+ Columns?)</h2>", html)
    assert parts[1::2] == [
        f"{n} Column{'s' if n != 'One' else ''}"
        for n in ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
                  "Nine")
    ]  # fmt: skip
    # Under each heading, the gallery's images: never an empty section.
    for section in parts[2::2]:
        assert section.count('class="image-elsewhere"') >= 9
    assert f'<a href="{FILES}/2008/06/canola2.jpg" rel="noopener">canola</a>' in html


def test_audio_given_by_its_address_alone_is_a_link_not_an_empty_listen(
    client, imported
):
    html = main_of(client, "post-format-audio")

    mp3 = f"{FILES}/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3"
    assert (
        f'<a href="{mp3}" rel="noopener">Listen: '
        "originaldixielandjazzbandwithalbernard-stlouisblues.mp3</a>" in html
    )


@pytest.mark.parametrize(
    ("slug", "url", "provider"),
    [
        ("post-format-video-youtube", "https://www.youtube.com/watch?v=SQEQr7c0-dw",
         "YouTube"),
        ("media-twitter-embeds", "https://twitter.com/nacin/status/319508408669708289",
         "X (Twitter)"),
        ("post-format-video-wordpresstv", "https://wordpress.tv/2009/03/16/"
         "anatomy-of-a-wordpress-theme-exploring-the-files-behind-your-theme/",
         "WordPress.tv"),
    ],
)  # fmt: skip
def test_an_embed_is_a_link_card_naming_its_provider(
    client, imported, slug, url, provider
):
    html = main_of(client, slug)

    assert re.search(
        rf'<figure class="link-card"><a href="{re.escape(url)}" rel="noopener">'
        rf"<strong>{re.escape(provider)}</strong>",
        html,
    )
    assert "<iframe" not in html and "<script" not in html


def test_block_embeds_keep_their_captions_as_text(client, imported):
    html = main_of(client, "blocks-embeds")

    assert "<figcaption>Twitter, wide width</figcaption>" in html
    assert (
        '<a href="https://www.instagram.com/p/BpmueLLgEn_/?utm_source=ig_share_sheet'
        '&amp;igshid=1hcxphic7p9e2" rel="noopener"><strong>Instagram</strong>' in html
    )


def test_the_report_counts_cards_players_and_galleries(imported):
    assert (
        "Embeds shown as link cards: 8 (WordPress.tv 2, YouTube 2, X (Twitter) 2, "
        "Facebook 1, Instagram 1)." in imported
    )
    assert "Galleries: 12." in imported
    assert "Sound and video: 10" in imported


def test_a_title_with_html_is_plain_text(client, imported):
    article = Article.objects.get(slug="markup-title-with-markup")

    assert article.title == "Markup: Title With Markup"
    html = client.get(article.get_absolute_url()).text
    assert "&lt;em&gt;" not in html and "<h1>Markup: Title With Markup</h1>" in html


def test_a_post_without_a_title_is_titled_from_its_first_words(imported):
    untitled = Article.objects.get(slug="edge-case-no-title")

    assert untitled.title == "This post has no title, but it still must link to the…"
    assert not Article.objects.filter(title__startswith="Untitled").exists()


def test_summaries_come_from_the_first_paragraph_cut_at_a_word(imported):
    lists = Article.objects.get(slug="edge-case-nested-and-mixed-lists")
    tags = Article.objects.get(slug="markup-html-tags-and-formatting")

    assert lists.summary == (
        "Nested and mixed lists are an interesting beast. It's a corner case to "
        "make sure that"
    )
    assert "ordered item" not in lists.summary
    assert len(tags.summary) <= 300
    assert tags.summary.endswith("…")
    cut = tags.summary.removesuffix("…")
    assert tags.body_text.replace("\n", " ").count(cut.split()[-1] + " ") >= 1


def test_a_sticky_post_is_pinned(imported):
    assert list(Article.objects.filter(pinned=True).values_list("slug", flat=True)) == [
        "template-sticky"
    ]


def test_comments_keep_their_html_through_the_sanitiser(client, imported):
    rich = Comment.objects.get(body_is_html=True)

    html = client.get(rich.target.get_absolute_url()).text
    assert "<dl><dt>Definition List Title</dt>" in html.replace("\n", "")
    assert "<script" not in rich.body_html


def test_the_post_authors_comments_are_marked(imported):
    marked = Comment.objects.filter(is_staff_reply=True)

    assert {c.email for c in marked} == {"themeshaperwp+demos@gmail.com"}
    assert marked.count() == 4
