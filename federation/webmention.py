"""Webmention (W3C Recommendation): pages elsewhere that link to an article
become moderated mentions under it, and the site tells the pages its
articles link to, when they take webmentions.

Every fetch and post goes through the outbound client, in the task worker:
never to a private address, bounded in size and time.
"""

import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Article
from comments.models import Comment, Source, Status
from comments.moderation import moderate_remote
from comments.privacy import remove
from comments.tasks import notify_moderators
from federation.conf import settings
from federation.models import Webmention
from outbound import client
from outbound.client import OutboundError
from seo.meta import absolute

PURPOSE = "webmention"
REDIRECTS = {301, 302, 303, 307, 308}


class _Page(HTMLParser):
    """What a page says: its links, title, its first webmention endpoint
    (a <link> or <a> with rel~=webmention), and its h-card's name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.endpoint, self.title, self.author = set(), None, "", ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.add(attrs[name])
        rels = attrs.get("rel", "").lower().split()
        if tag in ("link", "a") and "webmention" in rels and self.endpoint is None:
            self.endpoint = attrs.get("href", "")
        classes = attrs.get("class", "").split()
        if tag == "title" and not self.title:
            self._in = "title"
        elif "p-author" in classes or ("h-card" in classes and not self.author):
            self._in = "author"

    def handle_endtag(self, tag):
        if tag == "title" or self._in == "author":
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "author" and not self.author:
            self.author = data.strip()


def read(html):
    page = _Page()
    page.feed(html)
    page.close()
    return page


def fetch(url):
    """(final address, answer) for a GET, following a few redirects."""
    for _ in range(4):
        answer = client.request(
            "GET",
            url,
            purpose=PURPOSE,
            deadline=time.monotonic() + settings.FEDERATION_TIMEOUT,
            max_bytes=settings.FEDERATION_MAX_PAYLOAD * 4,
            headers={"Accept": "text/html"},
        )
        if answer.status not in REDIRECTS:
            return url, answer
        url = urljoin(url, answer.headers.get("Location", ""))
    raise OutboundError("it redirects too many times")


@task()
def verify_webmention(mention_pk):
    """Does the source link to the target? File it as a mention or drop it."""
    mention = Webmention.objects.select_related("entry").filter(pk=mention_pk).first()
    if mention is None:
        return
    try:
        _, answer = fetch(mention.source)
    except OutboundError:
        return  # the source may answer later; a new mention checks again
    page = (
        read(answer.body.decode("utf-8", "replace")) if answer.status == 200 else None
    )
    links = {urljoin(mention.source, link) for link in page.links} if page else set()
    mention.checked_at = timezone.now()
    existing = Comment.objects.filter(remote_id=mention.source, entry=mention.entry)
    if mention.target not in links:
        mention.status = Webmention.Status.REFUSED
        mention.save()
        remove(existing)
        return
    mention.status = Webmention.Status.VERIFIED
    mention.save()
    _file(mention, page, existing.first())


def _file(mention, page, comment):
    """The mention as a comment held for moderation (or the same one, kept
    up to date)."""
    host = urlsplit(mention.source).hostname or mention.source
    comment = comment or Comment(
        entry=mention.entry, source=Source.WEBMENTION, remote_id=mention.source
    )
    comment.name = (page.author or host)[:80]
    comment.website = mention.source if len(mention.source) <= 200 else ""
    title = " ".join(page.title.split()) or mention.source
    comment.body = f"Mentioned this in “{title[:300]}”: {mention.source}"
    decision = moderate_remote(comment, known=False)
    if comment.pk is None or decision.status != Status.PENDING:
        comment.status, comment.moderation_reason = decision.status, decision.reason
    comment.save()
    if comment.status == Status.PENDING:
        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))


def endpoint_of(url):
    """The webmention endpoint ``url`` advertises (its Link header first,
    then its HTML), resolved against the final address; or None."""
    final, answer = fetch(url)
    if answer.status != 200:
        return None
    for value in answer.headers.get_all("Link") or ():
        for part in value.split(","):
            target, _, params = part.partition(";")
            rels = params.lower().replace('"', " ").replace("=", " ").split()
            if "rel" in rels and "webmention" in rels:
                return urljoin(final, target.strip().strip("<>"))
    kind = answer.headers.get("Content-Type", "")
    if "html" not in kind:
        return None
    endpoint = read(answer.body.decode("utf-8", "replace")).endpoint
    return None if endpoint is None else urljoin(final, endpoint)


@task()
def send_webmentions(article_pk):
    """Tell each page the article links to that takes webmentions."""
    article = Article.objects.published().filter(pk=article_pk).first()
    if article is None:
        return
    source = absolute(article.get_absolute_url())
    own = absolute("/")
    for target in sorted(read(article.body_html).links):
        if not target.startswith(("https://", "http://")) or target.startswith(own):
            continue
        try:
            endpoint = endpoint_of(target)
            if endpoint:
                client.request(
                    "POST",
                    endpoint,
                    purpose=PURPOSE,
                    deadline=time.monotonic() + settings.FEDERATION_TIMEOUT,
                    max_bytes=64 * 1024,
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                    body=urlencode({"source": source, "target": target}).encode(),
                )
        except OutboundError:
            continue  # that page's loss; the next edit tries again
