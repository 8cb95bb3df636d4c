"""Every public page type says the right things to search engines."""

import json
import re
from html import unescape

import pytest
from django.utils import timezone

from seo.jsonld import validate_graph
from tests.factories import ArticleFactory, CommentFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
INDEX = "index, follow, max-image-preview:large, max-snippet:-1"


class Head:
    """The parts of a page's <head> that machines read."""

    def __init__(self, response):
        self.html = response.content.decode()

    def title(self):
        return unescape(re.search(r"<title>(.*?)</title>", self.html).group(1))

    def meta(self, key):
        found = re.findall(
            rf'<meta (?:name|property)="{key}" content="([^"]*)"', self.html
        )
        return [unescape(value) for value in found]

    def one(self, key):
        [value] = self.meta(key)
        return value

    def canonical(self):
        return re.search(r'<link rel="canonical" href="([^"]+)"', self.html).group(1)

    def graph(self):
        [data] = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', self.html
        )
        return json.loads(data)

    def nodes(self, type_):
        return [node for node in self.graph()["@graph"] if node["@type"] == type_]


@pytest.fixture
def article():
    series = SeriesFactory(title="Introduction to the back end", slug="intro")
    topic = TopicFactory(name="Databases", slug="databases")
    ArticleFactory(series=series, series_position=1, title="Part one of the series")
    return ArticleFactory(
        title="Indexes, explained with care",
        slug="indexes",
        summary="How a B-tree index finds one row among millions without reading "
        "them all, and when an index costs more than it saves.",
        series=series,
        series_position=2,
        topics=[topic],
        content_updated_at=timezone.now(),
    )


def test_article_page_tags(client, article):
    head = Head(client.get("/articles/indexes/"))

    assert head.title() == "Indexes, explained with care · Backend Intro"
    assert head.one("description") == article.summary
    assert head.canonical() == f"{SITE}/articles/indexes/"
    assert head.one("robots") == INDEX
    assert head.one("og:type") == "article"
    assert head.one("og:url") == f"{SITE}/articles/indexes/"
    assert head.one("og:site_name") == "Backend Intro"
    assert head.one("og:locale") == "en_GB"
    assert head.one("og:image").startswith(f"{SITE}/share/article-{article.pk}-")
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
    assert head.one("og:image:alt") == article.title
    assert head.one("article:published_time") == article.published_at.isoformat()
    assert head.one("article:section") == "Databases"
    assert head.meta("article:tag") == ["Databases"]
    assert head.one("twitter:card") == "summary_large_image"
    assert (
        '<link rel="alternate" type="text/markdown" href="/articles/indexes.md">'
        in head.html
    )


def test_article_graph_is_connected_and_valid(client, article):
    CommentFactory(article=article)
    head = Head(client.get("/articles/indexes/"))
    graph = head.graph()

    assert validate_graph(graph) == []
    [posting] = head.nodes("BlogPosting")
    [website] = head.nodes("WebSite")
    [publisher] = head.nodes("Organization")
    [page] = head.nodes("WebPage")
    [series] = head.nodes("CreativeWorkSeries")
    [crumbs] = head.nodes("BreadcrumbList")
    assert posting["mainEntityOfPage"] == {"@id": page["@id"]}
    assert posting["publisher"] == {"@id": publisher["@id"]}
    assert {"@id": series["@id"]} in posting["isPartOf"]
    assert posting["position"] == 2
    assert posting["commentCount"] == 1
    assert posting["potentialAction"]["@type"] == "CommentAction"
    assert posting["author"] == {
        "@type": "Person",
        "name": article.author.name,
        "url": f"{SITE}{article.author.get_absolute_url()}",
    }
    assert posting["wordCount"] == article.word_count and posting["inLanguage"] == "en"
    assert posting["image"]["width"] == 1200
    assert page["breadcrumb"] == {"@id": crumbs["@id"]}
    assert website["potentialAction"]["target"]["urlTemplate"] == (
        f"{SITE}/search/?q={{search_term_string}}"
    )
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Home",
        "Introduction to the back end",
        "Indexes, explained with care",
    ]


def test_breadcrumbs_in_the_graph_match_the_visible_series_link(client, article):
    head = Head(client.get("/articles/indexes/"))
    [crumbs] = head.nodes("BreadcrumbList")

    assert crumbs["itemListElement"][1]["item"] == f"{SITE}/series/intro/"
    assert 'href="/series/intro/">Introduction to the back end</a>' in head.html


def test_closed_comments_drop_the_comment_action(client):
    ArticleFactory(slug="closed", comments_open=False)

    [posting] = Head(client.get("/articles/closed/")).nodes("BlogPosting")

    assert "potentialAction" not in posting


def test_editor_overrides_replace_title_description_and_canonical(client):
    ArticleFactory(
        slug="moved",
        seo_title="A sharper search title",
        meta_description="An editor's own description.",
        canonical_url="https://elsewhere.example/original/",
        noindex=True,
    )

    head = Head(client.get("/articles/moved/"))

    assert head.title() == "A sharper search title · Backend Intro"
    assert head.one("description") == "An editor's own description."
    assert head.canonical() == "https://elsewhere.example/original/"
    assert head.one("robots") == "noindex, follow"
    assert "text/markdown" not in head.html


@pytest.mark.parametrize(
    ("url", "title", "canonical", "robots"),
    [
        ("/", "Backend Intro", f"{SITE}/", INDEX),
        ("/articles/", "All articles · Backend Intro", f"{SITE}/articles/", INDEX),
        (
            "/articles/?page=1",
            "All articles · Backend Intro",
            f"{SITE}/articles/",
            INDEX,
        ),
        (
            "/articles/?page=2",
            "All articles, page 2 · Backend Intro",
            f"{SITE}/articles/?page=2",
            INDEX,
        ),
        (
            "/articles/?utm_source=x",
            "All articles · Backend Intro",
            f"{SITE}/articles/",
            INDEX,
        ),
        (
            "/topics/databases/",
            "Databases · Backend Intro",
            f"{SITE}/topics/databases/",
            INDEX,
        ),
        (
            "/series/intro/",
            "Introduction to the back end · Backend Intro",
            f"{SITE}/series/intro/",
            INDEX,
        ),
        (
            "/search/?q=index",
            "Search: index · Backend Intro",
            f"{SITE}/search/",
            "noindex, follow",
        ),
        (
            "/articles/indexes/?replyto=1",
            "Indexes, explained with care · Backend Intro",
            f"{SITE}/articles/indexes/",
            "noindex, follow",
        ),
    ],
)
def test_each_page_type_has_its_title_canonical_and_robots(
    client, article, url, title, canonical, robots
):
    ArticleFactory.create_batch(10)

    head = Head(client.get(url))

    assert head.title() == title
    assert head.canonical() == canonical
    assert head.one("robots") == robots
    assert head.one("description")
    assert head.one("og:title") and head.one("og:url") == canonical
    assert validate_graph(head.graph()) == []


def test_listing_pages_have_breadcrumbs_in_the_graph(client, article):
    [crumbs] = Head(client.get("/topics/databases/")).nodes("BreadcrumbList")

    assert [i["name"] for i in crumbs["itemListElement"]] == ["Home", "Databases"]


def test_error_and_preview_pages_are_noindex(client, editor_client):
    from publishing.models import Status

    assert 'content="noindex"' in client.get("/nowhere/").content.decode()
    draft = ArticleFactory(status=Status.DRAFT)
    preview = Head(editor_client.get(f"/preview/{draft.pk}/"))
    assert preview.one("robots") == "noindex, follow"


def test_a_staging_site_is_noindex_everywhere(client, article, settings):
    settings.SEO_NOINDEX_SITE = True

    assert Head(client.get("/")).one("robots") == "noindex, follow"
    assert "Disallow: /\n" in client.get("/robots.txt").content.decode()


def test_json_ld_cannot_break_out_of_its_script_element(client):
    ArticleFactory(slug="tricky", title="</script><script>alert(1)</script> & more")

    html = client.get("/articles/tricky/").content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)

    assert "<" not in script.group(1)
    nodes = json.loads(script.group(1))["@graph"]
    [posting] = [node for node in nodes if node["@type"] == "BlogPosting"]
    assert posting["headline"].startswith("</script>")
