"""The address each page reports its view and its read to.

static/js/count.js posts the page's path, the host of the page that linked
to it and, on a search that found nothing, its words (``navigator.sendBeacon``);
without script, a stylesheet link in ``<noscript>`` asks for the address
and its Referer names the page. The answer is an empty 204 that no cache
keeps and that sets no cookie, counted or not. Bots, staff (signed in: the
session cookie) and addresses that are no article or page are not counted;
a reader sending ``DNT: 1`` or ``Sec-GPC: 1`` is a view but never a visitor.
"""

import functools
import re
from urllib.parse import urlsplit

from crawleruseragents import is_crawler
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse

from analytics.conf import settings
from analytics.tally import tally
from publishing.addresses import model_of
from web.client import client_ip
from web.origin import same_origin

PATH = "/count"
# A view becomes a read after this many seconds on screen in all, or once
# the reader scrolls to the middle of the text (static/js/count.js).
READ_SECONDS = 30
EVENTS = {"v": "view", "r": "read"}
LONGEST_PATH = 500
LONGEST_QUERY = 200
HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)


def answer(request):
    """Count what the beacon reports, if it counts; 204 either way."""
    request.get_host()  # a host the site does not serve is refused (400)
    if request.method == "POST":
        if not same_origin(request):
            return HttpResponse("Beacons come from the site's own pages.", status=403)
        report = read_report(request.POST)
        if report is None:
            return HttpResponse("That beacon could not be read.", status=400)
    elif request.method in ("GET", "HEAD"):
        report = noscript_report(request)
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if report is not None and counted(request, report):
        record(request, **report)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def read_report(data):
    """{"event", "path", "referrer", "query"} from a beacon, or None."""
    event, path = EVENTS.get(data.get("e", "")), data.get("p", "")
    referrer, query = data.get("r", "").lower(), data.get("q")
    if event is None or not is_path(path):
        return None
    if referrer and (len(referrer) > 253 or not HOST.fullmatch(referrer)):
        return None
    if query is not None:
        query = " ".join(query.split()).casefold()
        if event != "view" or len(query) > LONGEST_QUERY or "\x00" in query:
            return None
    return {"event": event, "path": path, "referrer": referrer, "query": query}


def noscript_report(request):
    """A view of the page the Referer names, when it is one of the site's."""
    page = urlsplit(request.headers.get("Referer", ""))
    if page.netloc != request.get_host() or not is_path(page.path):
        return None
    return {"event": "view", "path": page.path, "referrer": "", "query": None}


def is_path(path):
    return (
        path.startswith("/")
        and not path.startswith("//")
        and len(path) <= LONGEST_PATH
        and path.isprintable()
        and " " not in path
    )


def counted(request, report):
    """Readers only: no bot, no signed-in staff, and only what is counted."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # only staff sign in
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    if report["query"] is not None:
        return report["query"] != "" and report["path"] == reverse("articles:search")
    return is_content(report["path"])


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Whether a user agent is a known bot's (or none at all), asked of the
    maintained list once per user agent in each worker."""
    return not user_agent or is_crawler(user_agent)


@functools.lru_cache(maxsize=4096)
def is_content(path):
    """Whether ``path`` has the shape of an article's or page's address (the
    fold keeps only those published under it)."""
    return model_of(path) is not None


def record(request, *, event, path, referrer, query):
    if query is not None:
        tally.search(query=query)
    elif event == "read":
        tally.read(path=path)
    else:
        untracked = "1" in (request.headers.get("DNT"), request.headers.get("Sec-GPC"))
        visitor = (client_ip(request), request.headers.get("User-Agent", ""))
        tally.view(
            path=path,
            referrer=referrer or None,
            visitor=None if untracked else visitor,
        )
