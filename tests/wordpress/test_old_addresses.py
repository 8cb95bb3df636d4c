"""Every address the old WordPress site answered still leads to its content."""

import pytest

pytestmark = pytest.mark.django_db

# From the fixture's README: each address WordPress answered with a page or a
# redirect, and where it lives here.
MOVED = {
    "/hello-world/": "/articles/hello-world/",
    "/introduction-to-the-backend-basics-of-work/": (
        "/articles/introduction-to-the-backend-basics-of-work/"
    ),
    "/database-indexes-explained/": "/articles/database-indexes-explained/",
    "/database-indexes-explained/index-diagram/": (
        "/articles/database-indexes-explained/"
    ),
    "/storing-passwords/": "/articles/storing-passwords/",
    "/indexes-explained/": "/articles/database-indexes-explained/",
    "/?p=1": "/articles/hello-world/",
    "/?page_id=2": "/sample-page/",
    "/?attachment_id=6": "/articles/database-indexes-explained/",
    "/category/databases/": "/topics/databases/",
    "/tag/postgresql/": "/topics/postgresql/",
    "/author/marta/": "/authors/marta-kowalska/",
    "/feed/": "/feeds/rss/",
    "/comments/feed/": "/feeds/comments/rss/",
    "/feed/atom/": "/feeds/atom/",
    "/database-indexes-explained/feed/": (
        "/articles/database-indexes-explained/comments/rss/"
    ),
}


def test_each_old_address_answers_one_301_to_a_live_page(client, imported):
    answers = {}
    for old in MOVED:
        response = client.get(old)
        location = response.get("Location")
        final = client.get(location).status_code if location else None
        answers[old] = (response.status_code, location, final)

    assert answers == {old: (301, new, 200) for old, new in MOVED.items()}


def test_pages_at_the_same_address_answer_there(client, imported):
    assert client.get("/sample-page/").status_code == 200
    assert client.get("/about/").status_code == 200


def test_what_readers_could_not_open_before_is_not_opened_now(client, imported):
    assert client.get("/internal-notes/").status_code == 404
    for address in ("/?p=10", "/?p=13", "/?page_id=3"):
        page = client.get(address).text  # the home page, as for any ?p=
        assert "Half-written thoughts" not in page
        assert "Old announcement" not in page
        assert "Privacy Policy" not in page


def test_a_wordpress_query_address_keeps_working_among_other_parameters(
    client, imported
):
    response = client.get("/", {"p": "1", "utm_source": "mail"})

    assert response.status_code == 301
    assert response["Location"] == "/articles/hello-world/"


def test_feeds_keep_each_imported_posts_old_guid(client, imported, read_feed):
    _, rss = read_feed("/feeds/rss/")
    _, atom = read_feed("/feeds/atom/")

    for feed in (rss, atom):
        ids = {entry.title: entry.id for entry in feed.entries}
        assert ids["Hello world!"] == "http://127.0.0.1:8081/?p=1"
        assert ids["Indexes, explained without jargon"] == (
            "http://127.0.0.1:8081/indexes-explained/"
        )
    hello = next(e for e in rss.entries if e.title == "Hello world!")
    assert hello.guidislink is False
    assert hello.link.endswith("/articles/hello-world/")
