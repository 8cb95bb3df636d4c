"""Links in an article's body: internal ones checked on save, external ones by
a task, politely (one request at a time, a pause per host, a time limit)."""

import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article
from editing.models import LinkCheck
from pages.models import Page


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href not in self.hrefs:
            self.hrefs.append(href)


def links_in(html):
    """(internal paths, external URLs) linked from rendered HTML, each once."""
    parser = _Links()
    parser.feed(html)
    internal, external = [], []
    for href in parser.hrefs:
        if href.startswith(settings.SITE_URL):
            href = href[len(settings.SITE_URL) :] or "/"
        if href.startswith("/") and not href.startswith("//"):
            internal.append(href)
        elif urlsplit(href).scheme in ("http", "https"):
            external.append(href)
    return internal, external


def internal_problem(path):
    """Why readers following a link to this path would not find a page, or ''."""
    path = path.split("#")[0].split("?")[0] or "/"
    try:
        match = resolve(path)
    except Resolver404:
        return "No page answers at this address."
    published = {
        "articles:detail": (Article, "slug", "No published article has this address."),
        "pages:detail": (Page, "path", "No published page has this address."),
    }
    if match.view_name in published:
        model, field, problem = published[match.view_name]
        found = model.objects.filter(**{field: match.kwargs[field]})
        if not found.exists():
            return "No page answers at this address."
        if not found.published().exists():
            return problem
    return ""


def check_internal_links(article):
    """Check each internal link of the article now; return the broken ones."""
    internal, external = links_in(article.body_html)
    now = timezone.now()
    broken = []
    for path in internal:
        problem = internal_problem(path)
        LinkCheck.objects.update_or_create(
            article=article,
            url=path,
            defaults={
                "internal": True,
                "ok": not problem,
                "status": None,
                "problem": problem,
                "checked_at": now,
            },
        )
        if problem:
            broken.append(path)
    LinkCheck.objects.filter(article=article).exclude(
        url__in=internal + external
    ).delete()
    return broken


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer: the link works, if indirectly


_opener = urllib.request.build_opener(_NoRedirects)


def fetch_status(url):
    """The HTTP status a URL answers with (HEAD, else GET), or an error text."""
    headers = {"User-Agent": settings.LINK_CHECK_USER_AGENT}
    for method in ("HEAD", "GET"):
        # links_in() hands over http and https addresses only
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with _opener.open(request, timeout=settings.LINK_CHECK_TIMEOUT) as answer:
                return answer.status, ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD but answer GET
            return error.code, "" if error.code < 400 else error.reason
        except (OSError, ValueError) as error:
            return None, str(getattr(error, "reason", error))[:300]
    return None, "No answer."


def check_external_links(article, *, pause=None):
    """Check each external link, pausing between requests to the same host."""
    pause = settings.LINK_CHECK_PAUSE if pause is None else pause
    _, external = links_in(article.body_html)
    last_request = {}
    # Links left when the run's time is up are checked on the next run.
    deadline = time.monotonic() + settings.LINK_CHECK_RUN_SECONDS
    for url in external[: settings.LINK_CHECK_MAX_LINKS]:
        if time.monotonic() >= deadline:
            break
        host = urlsplit(url).hostname
        wait = last_request.get(host, 0) + pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        status, problem = fetch_status(url)
        last_request[host] = time.monotonic()
        ok = status is not None and status < 400
        LinkCheck.objects.update_or_create(
            article=article,
            url=url,
            defaults={
                "internal": False,
                "ok": ok,
                "status": status,
                "problem": "" if ok else problem or f"Answered {status}.",
                "checked_at": timezone.now(),
            },
        )
