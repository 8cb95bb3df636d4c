"""Images on other sites show as placeholders; players play the site's files."""

import pytest

from publishing.markdown import render_markdown
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_image_on_another_site_is_a_placeholder_with_its_alt_text_and_link():
    rendered = render_markdown(
        "Before ![A red barn at dusk](https://old.example.com/barn.jpg) after."
    )

    assert "<img" not in rendered.html
    assert (
        '<span class="image-elsewhere">Image: <a href="https://old.example.com/'
        'barn.jpg" rel="noopener">A red barn at dusk</a></span>' in rendered.html
    )
    assert rendered.unlabelled_images == ()


def test_a_placeholder_without_alt_text_names_the_file_and_still_needs_alt():
    rendered = render_markdown("![](https://old.example.com/2008/06/canola%202.jpg)")

    assert ">canola 2.jpg</a>" in rendered.html
    assert [place.src for place in rendered.unlabelled_images] == [
        "https://old.example.com/2008/06/canola%202.jpg"
    ]


def test_images_of_the_site_itself_stay_images():
    html = render_markdown("![Logo](/static/img/logo.png)").html

    assert '<img src="/static/img/logo.png" alt="Logo">' in html


def test_readers_see_no_image_from_another_host(client):
    article = ArticleFactory(body="![Barn](//cdn.example.net/barn.jpg)")

    page = client.get(article.get_absolute_url()).text

    assert "cdn.example.net/barn.jpg" in page
    assert '<img src="//' not in page and 'src="http' not in page


def test_sound_and_video_play_only_from_the_sites_own_files():
    html = render_markdown(
        '<audio controls src="/media/wordpress/2024/05/talk.mp3"></audio>\n\n'
        '<video controls src="https://tracker.example/v.mp4"></video>'
    ).html

    assert '<audio controls="" src="/media/wordpress/2024/05/talk.mp3"></audio>' in html
    assert "tracker.example" not in html
