"""Pages editors write (about, contact, privacy) at top-level addresses."""

import json
import re
from xml.etree import ElementTree

import pytest

from pages.models import Page
from publishing.models import Status
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def graph(response):
    [data] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.text
    )
    return json.loads(data)["@graph"]


def test_a_published_page_answers_at_its_top_level_address(client):
    page = PageFactory(slug="colophon", title="Colophon", body="Set in *serif*.")

    response = client.get("/colophon/")

    assert page.get_absolute_url() == "/colophon/"
    assert response.status_code == 200
    assert "<em>serif</em>" in response.text


def test_a_draft_or_unknown_page_is_not_found(client):
    PageFactory(slug="soon", status=Status.DRAFT)

    assert client.get("/soon/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_an_editor_previews_a_draft_never_cached_nor_indexed(editor_client):
    PageFactory(slug="soon", status=Status.DRAFT)

    response = editor_client.get("/soon/")

    assert response.status_code == 200
    assert "Preview: this page is not published" in response.text
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, follow">' in response.text


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("page", "WebPage"),
        ("about", "AboutPage"),
        ("contact", "ContactPage"),
        ("privacy", "WebPage"),
    ],
)
def test_the_page_declares_its_canonical_address_and_schema_type(
    client, kind, schema_type
):
    Page.objects.filter(kind=kind).delete()  # one privacy notice ships
    PageFactory(slug="this-page", kind=kind, title="This page")

    response = client.get("/this-page/")

    canonical = f"{SITE}/this-page/"
    assert f'<link rel="canonical" href="{canonical}">' in response.text
    [webpage] = [node for node in graph(response) if node["@id"].endswith("#webpage")]
    assert (webpage["@type"], webpage["url"]) == (schema_type, canonical)
    assert webpage["name"] == "This page"


def test_a_page_that_first_appeared_elsewhere_credits_that_address(client):
    PageFactory(slug="reprint", canonical_url="https://elsewhere.example/a/")

    response = client.get("/reprint/")

    assert '<link rel="canonical" href="https://elsewhere.example/a/">' in (
        response.text
    )


def test_a_page_is_shared_with_a_card_drawn_from_its_title(client):
    PageFactory(slug="colophon", title="How this site is made")

    response = client.get("/colophon/")

    [image] = re.findall(r'<meta property="og:image" content="([^"]+)"', response.text)
    card = client.get(image.removeprefix(SITE))
    assert card.status_code == 200
    assert card["Content-Type"] == "image/png"
    assert '<meta property="og:image:alt" content="How this site is made">' in (
        response.text
    )


def test_the_sitemap_lists_published_pages_only(client):
    Page.objects.all().delete()
    PageFactory(slug="listed")
    PageFactory(slug="draft", status=Status.DRAFT)
    PageFactory(slug="hidden", noindex=True)
    PageFactory(slug="elsewhere", canonical_url="https://elsewhere.example/a/")
    PageFactory(slug="self", canonical_url=f"{SITE}/self/")

    response = client.get("/sitemap-site.xml")

    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    locs = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP)]
    assert locs == [f"{SITE}/listed/", f"{SITE}/self/"]
    index = client.get("/sitemap.xml").text
    assert f"<loc>{SITE}/sitemap-site.xml</loc>" in index


def test_the_site_ships_an_about_page_and_a_privacy_notice(client):
    about, privacy = client.get("/about/"), client.get("/privacy/")

    assert (about.status_code, privacy.status_code) == (200, 200)
    assert "AboutPage" in [node["@type"] for node in graph(about)]
    assert 'href="/privacy/">Privacy</a>' in client.get("/").text


def test_the_shipped_pages_have_their_share_cards(client):
    for path in ("/about/", "/privacy/"):
        assert '<meta property="og:image"' in client.get(path).text


def test_a_new_address_redirects_from_the_old_one_readers_knew(client):
    page = PageFactory(slug="about-us")

    page.slug = "about-the-site"
    page.save()

    response = client.get("/about-us/")
    assert response.status_code == 301 and response["Location"] == "/about-the-site/"
    assert client.get("/about-the-site/").status_code == 200


def test_a_deleted_page_answers_gone_and_a_deleted_draft_stays_unknown(client):
    PageFactory(slug="old-notice").delete()
    PageFactory(slug="never-shown", status=Status.DRAFT).delete()

    assert client.get("/old-notice/").status_code == 410
    assert client.get("/never-shown/").status_code == 404
