"""No commenter's or subscriber's email, hash of one or IP address reaches a
public response.

Comments with unique addresses are posted through the form and approved; then
every public URL reachable from the home page, the feeds, robots.txt and the
sitemap is fetched by an anonymous visitor, along with searches for the
emails themselves and error pages, and every body and header is checked.
"""

import hashlib
import re
from html import escape, unescape
from io import StringIO
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client

from comments.models import Comment, Status
from subscriptions.models import Subscriber
from tests.factories import signed_seconds_ago

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"]+)"|<(?:loc|link)>([^<]+)</(?:loc|link)>')
SKIPPED = ("/admin/", "/preview/", "/static/")
MAX_PAGES = 400


def fingerprints(email):
    """The email and every value commonly derived from it."""
    forms = {email, email.lower(), email.strip().lower()}
    hashes = {
        getattr(hashlib, name)(form.encode()).hexdigest()
        for form in forms
        for name in ("md5", "sha1", "sha256")
    }
    return forms | hashes


def walk(client, start):
    seen, queue, responses = set(), list(start), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        path = urlsplit(url).path + (
            f"?{urlsplit(url).query}" if urlsplit(url).query else ""
        )
        if path in seen or path.startswith(SKIPPED):
            continue
        seen.add(path)
        response = client.get(path)
        if response.streaming:  # a file, e.g. a library image: read it whole
            response = HttpResponse(
                b"".join(response.streaming_content),
                status=response.status_code,
                headers=response.headers,
            )
        responses.append((path, response))
        body = response.content.decode(errors="replace")
        for match in LINK.finditer(body):
            target = unescape(match.group(1) or match.group(2))
            absolute = urljoin(f"http://testserver{path}", target)
            if urlsplit(absolute).hostname in ("testserver", "127.0.0.1", "localhost"):
                queue.append(absolute)
    return responses


def without_echoed_query(path, body):
    """A search page repeats the visitor's own query; nothing else may match."""
    query = parse_qs(urlsplit(path).query).get("q", [""])[0]
    if not query:
        return body
    assert "No articles match" in body, path
    return body.replace(escape(query), "").replace(query, "")


@pytest.fixture
def commented_site(comment_data, settings, tmp_path):
    call_command("import_articles", "content/backend-intro", stdout=None)
    from articles.models import Article
    from library.uploads import add_to_library
    from tests.library.conftest import picture

    settings.MEDIA_ROOT = tmp_path
    image = add_to_library(picture(), name="server.jpg", alt_text="A server rack")
    illustrated = Article.objects.first()
    illustrated.body += f"\n\n![](image:{image.pk})\n"
    illustrated.save()

    commenters = []
    for n, article in enumerate(Article.objects.all()):
        email, ip = f"Private.Person{n}@Mail-{n}.example", f"198.51.100.{n + 20}"
        Client(REMOTE_ADDR=ip).post(
            f"{article.get_absolute_url()}comments/",
            comment_data(
                name=f"Person {n}",
                email=email,
                body=f"Comment {n}, mentioning nothing private.",
                timestamp=signed_seconds_ago(30),
            ),
        )
        commenters.append((email, ip))
    Comment.objects.update(status=Status.APPROVED)
    assert Comment.objects.count() == len(commenters) == 5
    return commenters


def test_no_email_hash_or_ip_of_a_commenter_is_ever_public(commented_site):
    from articles.models import Article

    article_paths = [article.get_absolute_url() for article in Article.objects.all()]
    visitor = Client()
    start = ["/", "/robots.txt", "/sitemap.xml", "/feeds/rss/", "/feeds/atom/"]
    start += ["/about/", "/privacy/"]
    start += ["/feeds/comments/rss/", "/feeds/comments/atom/"]
    start += [f"{path}comments/atom/" for path in article_paths]
    start += ["/topics/", "/series/", "/authors/", "/archive/2026/09/"]
    for email, ip in commented_site:
        start += [f"/search/?q={email}", f"/search/?q={ip}", f"/nothing/{email}/"]
    responses = walk(visitor, start)

    assert len(responses) > 30
    secrets = {ip for _, ip in commented_site}
    for email, _ in commented_site:
        secrets |= fingerprints(email)
    for path, response in responses:
        # 204: the address pages report their views to (analytics/).
        assert response.status_code in (200, 204, 301, 302, 404, 410), path
        body = without_echoed_query(path, response.content.decode(errors="replace"))
        exposed = (body + str(response.headers)).lower()
        leaks = [secret for secret in secrets if secret.lower() in exposed]
        assert not leaks, f"{path} exposes {leaks}"
    assert {"/about/", "/privacy/"} <= {path for path, _ in responses}
    assert any(path.startswith("/media/library/") for path, _ in responses)
    bodies = " ".join(r.content.decode(errors="replace") for _, r in responses)
    assert "Comment 3, mentioning nothing private." in bodies
    feeds = {path for path, _ in responses if "/comments/rss/" in path}
    assert len(feeds) == len(commented_site) + 1  # reached from each article page


def test_no_subscriber_address_is_ever_public(
    smtp_server, run_worker, django_capture_on_commit_callbacks
):
    call_command("import_articles", "content/backend-intro", stdout=None)
    emails = [f"Private.Reader{n}@Mail-{n}.example" for n in range(3)]
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in emails:
            answers.append(
                Client().post("/subscribe/", {"email": email, "frequency": "each"})
            )
    run_worker()
    mailed = [
        urlsplit(link).path
        for message in smtp_server.messages
        for link in re.findall(r"http://\S+", message.get_payload(decode=True).decode())
    ]
    assert len(mailed) == 3
    Client().post(mailed[0])  # one reader confirms
    unsubscribe = [s.unsubscribe_url() for s in Subscriber.objects.all()]

    responses = walk(Client(), ["/", "/subscribe/", *mailed, *unsubscribe])
    responses += [("/subscribe/ (sent)", answer) for answer in answers]

    assert {"/subscribe/", *mailed, *unsubscribe} <= {path for path, _ in responses}
    secrets = set().union(*(fingerprints(email) for email in emails))
    for path, response in responses:
        exposed = (response.content.decode() + str(response.headers)).lower()
        leaks = [secret for secret in secrets if secret.lower() in exposed]
        assert not leaks, f"{path} exposes {leaks}"


def test_no_commenter_address_is_on_the_pages_mailed_to_commenters(
    settings, smtp_server, run_worker, comment_data, django_capture_on_commit_callbacks
):
    """Confirmation, reply-mail and manage pages, and the answers to their
    forms, show no address: not the commenter's own, nor anyone else's."""
    from articles.models import Article
    from comments.commenters import ReplySubscription

    settings.COMMENTS_CONFIRM_EMAIL = True
    call_command("import_articles", "content/backend-intro", stdout=None)
    article = Article.objects.first()
    emails = [f"Private.Replier{n}@Mail-{n}.example" for n in range(2)]
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for n, email in enumerate(emails):
            answers.append(
                Client(REMOTE_ADDR=f"198.51.100.{n + 40}").post(
                    f"{article.get_absolute_url()}comments/",
                    comment_data(name=f"Replier {n}", email=email, notify="on"),
                )
            )
        answers.append(Client().post("/comments/manage/", {"email": emails[0]}))
    run_worker()
    mailed = [
        urlsplit(link).path
        for message in smtp_server.messages
        for link in re.findall(r"http://\S+", message.get_payload(decode=True).decode())
    ]
    confirm = [path for path in mailed if path.startswith("/comments/confirm/")]
    [manage] = [path for path in mailed if path.startswith("/comments/manage/")]
    assert len(confirm) == 2
    answers.append(Client().post(confirm[0]))  # one commenter confirms
    stops = [
        url
        for subscription in ReplySubscription.objects.all()
        for url in (subscription.stop_url(), subscription.stop_all_url())
    ]

    start = ["/", article.get_absolute_url(), "/comments/manage/", *mailed, *stops]
    responses = walk(Client(), start)
    owner = Client()  # follows the link after the walk, which used nothing up
    owner.post(manage)
    answers.append(owner.get("/comments/manage/mine/"))
    responses += [("(a form's answer)", answer) for answer in answers]

    assert {"/comments/manage/", *mailed, *stops} <= {path for path, _ in responses}
    assert b"Show my comments" in dict(responses)[manage].content
    assert b"Awaiting moderation" in answers[-1].content  # the owner's own list
    secrets = set().union(*(fingerprints(email) for email in emails))
    for path, response in responses:
        exposed = (response.content.decode() + str(response.headers)).lower()
        leaks = [secret for secret in secrets if secret.lower() in exposed]
        assert not leaks, f"{path} exposes {leaks}"


def test_no_address_of_a_commenter_on_a_page_is_public(comment_data):
    """A page that takes comments, and its comment pages, show the comment
    by name only."""
    from pages.models import Page

    page = Page.objects.get(slug="about")
    Page.objects.filter(pk=page.pk).update(comments_open=True)
    email, ip = "Private.PageReader@Mail-P.example", "198.51.100.60"
    Client(REMOTE_ADDR=ip).post(
        "/about/comments/",
        comment_data(name="Page Reader", email=email, body="A word on the page."),
    )
    comment = Comment.objects.get()
    comment.status = Status.APPROVED
    comment.save()

    responses = walk(Client(), ["/", "/about/", "/about/comments/"])

    assert {"/about/", "/about/comments/"} <= {path for path, _ in responses}
    assert "A word on the page." in dict(responses)["/about/"].content.decode()
    secrets = fingerprints(email) | {ip}
    for path, response in responses:
        exposed = (response.content.decode() + str(response.headers)).lower()
        leaks = [secret for secret in secrets if secret.lower() in exposed]
        assert not leaks, f"{path} exposes {leaks}"


def test_no_email_or_ip_of_a_commenter_imported_from_wordpress_is_public():
    from tests.wordpress.conftest import FIXTURE, SOON_AFTER_EXPORT

    with time_machine.travel(SOON_AFTER_EXPORT):
        call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
        imported = Comment.objects.all()
        secrets = {c.ip_address for c in imported if c.ip_address}
        for email in {c.email for c in imported if c.email}:
            secrets |= fingerprints(email)
        start = ["/", "/sitemap.xml", "/feeds/rss/", "/feeds/comments/rss/"]
        start += ["/hello-world/", "/?p=5", "/feed/", "/comments/feed/"]
        start += [f"/articles/{slug}/comments/rss/" for slug in ("hello-world",)]
        responses = walk(Client(), start)

    assert len(secrets) > 20
    assert len(responses) > 30
    for path, response in responses:
        exposed = response.content.decode(errors="replace") + str(response.headers)
        leaks = [secret for secret in secrets if secret.lower() in exposed.lower()]
        assert not leaks, f"{path} exposes {leaks}"
    bodies = " ".join(r.content.decode(errors="replace") for _, r in responses)
    assert "مقال رائع، شكراً" in bodies
