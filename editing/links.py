"""Links in an article's or page's body: internal ones checked on save,
external ones by a task, politely (one request at a time, a pause per host, a
time limit) and through the site's one outbound client, which never asks
private or local addresses."""

import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone

from editing.conf import settings
from editing.models import LinkCheck
from outbound import client
from outbound.client import OutboundError
from publishing.addresses import lookup, model_of


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
        resolve(path)
    except Resolver404:
        return "No page answers at this address."
    model = model_of(path)
    if model is not None and lookup(path) is None:
        return f"No published {model._meta.verbose_name} has this address."
    return ""


def check_internal_links(publishable):
    """Check each internal link of an article or page now; return the broken
    ones."""
    internal, external = links_in(publishable.body_html)
    now = timezone.now()
    broken = []
    for path in internal:
        problem = internal_problem(path)
        LinkCheck.objects.update_or_create(
            entry_id=publishable.entry_id,
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
    LinkCheck.objects.filter(entry_id=publishable.entry_id).exclude(
        url__in=internal + external
    ).delete()
    return broken


def fetch_status(url):
    """The HTTP status a URL answers with (HEAD, else GET; a redirect is an
    answer), or None and the problem; private and local addresses are never
    asked."""
    deadline = time.monotonic() + settings.LINK_CHECK_TIMEOUT
    try:
        return client.status(url, purpose="link checker", deadline=deadline), ""
    except OutboundError as error:
        reason = str(error)[:280]
        if error.refused:
            return None, f"Not checked: {reason}."
        return None, f"{reason[:1].upper()}{reason[1:]}."


def check_external_links(publishable, *, pause=None):
    """Check each external link, pausing between requests to the same host."""
    pause = settings.LINK_CHECK_PAUSE if pause is None else pause
    _, external = links_in(publishable.body_html)
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
            entry_id=publishable.entry_id,
            url=url,
            defaults={
                "internal": False,
                "ok": ok,
                "status": status,
                "problem": "" if ok else problem or f"Answered {status}.",
                "checked_at": timezone.now(),
            },
        )
