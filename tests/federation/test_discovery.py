"""Finding the site from Mastodon: WebFinger, NodeInfo, the accounts, and
each article at its own address as an ActivityPub object, cached like its
page and apart from it."""

import pytest
from django.test import Client

from articles.models import Article
from federation.models import Follower, RemoteActor
from publishing.models import Status
from tests.factories import ArticleFactory, PageFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db
ACTIVITY = "application/activity+json"
LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_URL = "https://blog.example"
    settings.ALLOWED_HOSTS = ["blog.example", "testserver"]
    settings.SITE_NAME = "Backend Intro"
    settings.SITE_HANDLE = ""  # the handle comes from the name


def test_the_sites_handle_resolves_by_webfinger_to_its_account(client):
    response = client.get(
        "/.well-known/webfinger", {"resource": "acct:backend-intro@blog.example"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jrd+json"
    links = {link["rel"]: link["href"] for link in response.json()["links"]}
    assert links["self"] == "https://blog.example/ap/actors/backend-intro"
    account = client.get(links["self"].removeprefix("https://blog.example"))
    assert account["Content-Type"] == ACTIVITY
    document = account.json()
    assert document["preferredUsername"] == "backend-intro"
    assert document["inbox"].endswith("/ap/actors/backend-intro/inbox")
    assert document["endpoints"]["sharedInbox"] == "https://blog.example/ap/inbox"
    assert document["publicKey"]["owner"] == document["id"]
    assert "BEGIN PUBLIC KEY" in document["publicKey"]["publicKeyPem"]
    assert document["icon"]["url"].startswith("https://blog.example/static/")


def test_authors_with_published_articles_have_accounts_others_do_not(client):
    article = ArticleFactory(author__slug="grace", author__name="Grace H")
    ArticleFactory(author__slug="ada", status=Status.DRAFT)
    found = client.get("/.well-known/webfinger?resource=acct:grace@blog.example")
    assert found.status_code == 200
    unknown = client.get("/.well-known/webfinger?resource=acct:ada@blog.example")
    assert unknown.status_code == 404
    document = client.get("/ap/actors/grace").json()
    assert document["name"] == "Grace H"
    assert document["url"] == f"https://blog.example{article.author.get_absolute_url()}"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 400),
        ({"resource": "acct:backend-intro@elsewhere.example"}, 404),
        ({"resource": "https://blog.example/ap/actors/nobody"}, 404),
    ],
)
def test_webfinger_answers_bad_or_unknown_resources_with_4xx(client, query, status):
    assert client.get("/.well-known/webfinger", query).status_code == status


def test_nodeinfo_describes_the_site(client):
    ArticleFactory.create_batch(2)
    links = client.get("/.well-known/nodeinfo").json()["links"]
    assert links[0]["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.1"
    document = client.get(links[0]["href"].removeprefix("https://blog.example"))
    info = document.json()
    assert info["version"] == "2.1"
    assert info["protocols"] == ["activitypub"]
    assert info["usage"]["localPosts"] == 2
    assert info["openRegistrations"] is False


@pytest.mark.parametrize("accept", [ACTIVITY, LD])
def test_an_articles_address_answers_activitypub_clients_with_the_article(
    client, accept
):
    topic = TopicFactory(name="Query planning")
    article = ArticleFactory(
        title="Indexes & <you>", body="See [this](/articles/other/).\n", topics=[topic]
    )
    response = client.get(article.get_absolute_url(), headers={"Accept": accept})
    assert response.status_code == 200
    assert response["Content-Type"] == ACTIVITY
    assert "Accept" in response["Vary"]
    document = response.json()
    assert document["type"] == "Article"
    assert (
        document["id"]
        == document["url"]
        == (f"https://blog.example{article.get_absolute_url()}")
    )
    assert document["name"] == "Indexes & <you>"
    assert 'href="https://blog.example/articles/other/"' in document["content"]
    assert document["tag"][0]["name"] == "#QueryPlanning"
    assert document["attributedTo"].endswith(f"/ap/actors/{article.author.slug}")
    assert document["image"]["url"].startswith("https://blog.example/")


def test_browsers_still_get_the_page_which_also_varies_by_accept(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), headers={"Accept": "text/html"})
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]
    assert b'type="application/activity+json"' in response.content
    assert b'rel="webmention"' in response.content


def test_pages_stay_web_only(client):
    page = PageFactory()
    response = client.get(page.get_absolute_url(), headers={"Accept": ACTIVITY})
    assert response["Content-Type"].startswith("text/html")


def test_the_page_cache_keeps_the_page_and_the_object_apart(settings):
    settings.PAGE_CACHE = True
    article = ArticleFactory()
    reader, server = Client(), Client()
    for _ in range(2):
        html = reader.get(article.get_absolute_url())
        json_ = server.get(article.get_absolute_url(), headers={"Accept": ACTIVITY})
    assert html["X-Page-Cache"] == json_["X-Page-Cache"] == "hit"
    assert html["Content-Type"].startswith("text/html")
    assert json_["Content-Type"] == ACTIVITY
    assert "Accept" in html["Vary"] and "Accept" in json_["Vary"]
    assert f"article-{article.pk}" in json_["xkey"].split()


def test_an_edit_reaches_the_cached_object_at_once(settings):
    settings.PAGE_CACHE = True
    article = ArticleFactory(title="Before")
    server = Client(headers={"Accept": ACTIVITY})
    assert server.get(article.get_absolute_url()).json()["name"] == "Before"
    article.title = "After"
    article.save()
    assert server.get(article.get_absolute_url()).json()["name"] == "After"


def test_a_withdrawn_article_answers_410_with_a_tombstone(client):
    article = ArticleFactory()
    article.status = Status.DRAFT
    article.save()
    response = client.get(article.get_absolute_url(), headers={"Accept": ACTIVITY})
    assert response.status_code == 410
    assert response.json()["type"] == "Tombstone"
    assert response.json()["id"].endswith(article.get_absolute_url())


def test_followers_are_counted_in_public_but_listed_only_if_the_owner_opts_in(
    client, settings
):
    remote = RemoteActor.objects.create(uri="https://m.example/users/zoe")
    Follower.objects.create(actor="site", remote=remote)
    collection = client.get("/ap/actors/backend-intro/followers").json()
    assert collection["totalItems"] == 1
    assert collection["orderedItems"] == []
    settings.FEDERATION_SHOW_FOLLOWERS = True
    collection = client.get("/ap/actors/backend-intro/followers").json()
    assert collection["orderedItems"] == ["https://m.example/users/zoe"]


def test_the_outbox_and_featured_list_the_articles(client):
    first = ArticleFactory(series=SeriesFactory(), series_position=1)
    ArticleFactory(series=first.series, series_position=2)
    outbox = client.get("/ap/actors/backend-intro/outbox").json()
    assert outbox["totalItems"] == Article.objects.count()
    assert outbox["orderedItems"][0]["type"] == "Create"
    featured = client.get("/ap/actors/backend-intro/featured").json()
    assert featured["orderedItems"] == [
        f"https://blog.example{first.get_absolute_url()}"
    ]


def test_the_handle_is_shown_with_a_copy_button_on_the_site_and_author_pages(client):
    article = ArticleFactory(author__slug="grace", author__url="https://grace.example/")
    home = client.get("/").content.decode()
    assert "@backend-intro@blog.example" in home
    assert 'class="copy-handle"' in home
    author_page = client.get(article.author.get_absolute_url()).content.decode()
    assert "@grace@blog.example" in author_page
    assert 'href="https://blog.example/ap/actors/grace"' in author_page
    assert '<a href="https://grace.example/" rel="me">' in author_page
    links = {
        link["name"]: link["value"]
        for link in client.get("/ap/actors/grace").json()["attachment"]
    }
    assert links["Home page"] == (
        '<a href="https://grace.example/" rel="me">https://grace.example/</a>'
    )


def test_off_the_fediverse_there_is_no_account_and_no_handle(client, settings):
    settings.FEDERATION_ENABLED = False
    assert client.get("/ap/actors/backend-intro").status_code == 404
    assert "@backend-intro@" not in client.get("/").content.decode()
