"""Every real export: each address the old site showed leads to its content
here, and no page shows an image from another host.

What the old site showed is read from each file with the standard library,
not with the importer's reader: every published post and page at its
<link> and its ?p= address, and every attachment page of a published post
(it leads to that post). Password-protected and scheduled items were not
public there and are drafts or scheduled here.
"""

import html
import re
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from defusedxml.ElementTree import parse
from django.utils.html import strip_tags

from articles.models import Article
from pages.models import Page
from tests.wordpress.conftest import FIXTURES, imported_for_module

pytestmark = pytest.mark.django_db

EXPORTS = [
    "wordpress-export.xml",  # WordPress 6.1
    "theme-unit-test-data.xml",  # WordPress.com, https:// namespace
    "a11y-unit-test-data.xml",  # WordPress.com, http:// namespace
    "wordpress-com-2025.xml",  # WordPress.com's 2025 shape, by hand
    "valid-wxr-1.0.xml",  # WordPress 3.0
    "valid-wxr-1.1.xml",  # WordPress 3.1
    "small-export.xml",  # WordPress 3.1
    "wxr-utf-8-challenges.xml",  # WordPress 6.5, Playground
]


@pytest.fixture(scope="module", params=EXPORTS)
def export(request, django_db_setup, django_db_blocker):
    """(file name, what the import printed), imported once per file."""
    path = FIXTURES / request.param
    with imported_for_module(django_db_blocker, path) as out:
        yield request.param, out


def local(tag):
    return tag.rpartition("}")[2]


def fields(element):
    return {local(child.tag): (child.text or "").strip() for child in element}


def shown_title(item):
    """The title readers saw: tags and entities gone."""
    title = html.unescape(strip_tags(html.unescape(item["title"])))
    return " ".join(title.split())


def public_addresses(name):
    """(old address, title of the page it must lead to) for each thing the
    old site showed."""
    channel = parse(FIXTURES / name).getroot().find("channel")
    blog = fields(channel)
    base = urlsplit(blog.get("base_blog_url") or blog.get("link", "")).path
    items = {}
    for element in channel.iter("item"):
        item = fields(element)
        items[item.get("post_id", "")] = item

    def public(item):
        return (
            item.get("post_type") in ("post", "page")
            and item.get("status") == "publish"
            and not item.get("post_password")
        )

    for wp_id, item in items.items():
        link = urlsplit(item.get("link", ""))
        address = link.path + (f"?{link.query}" if link.query else "")
        if public(item):
            key = "page_id" if item["post_type"] == "page" else "p"
            yield f"{base.rstrip('/')}/?{key}={wp_id}", shown_title(item)
            if address:
                yield address, shown_title(item)
        elif item.get("post_type") == "attachment" and address:
            parent = items.get(item.get("post_parent"))
            if parent and public(parent):
                yield address, shown_title(parent)


def get(client, address):
    """GET an address as a browser sends it (even one with a double slash)."""
    path, _, query = address.partition("?")
    raw_path = unquote_to_bytes(path).decode("iso-8859-1")
    return client.get("/", PATH_INFO=raw_path, QUERY_STRING=query)


def heading(response):
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
    return html.unescape(found[1]).strip() if found else None


def test_every_address_the_old_site_showed_leads_to_its_own_page(client, export):
    name, _ = export
    answers, expected = {}, {}
    for address, title in public_addresses(name):
        response = get(client, address)
        final = response
        if response.status_code == 301:  # then one hop, to a page
            final = client.get(response["Location"])
        answers[address] = (response.status_code, final.status_code, heading(final))
        # A page at the very address it had answers there.
        same_address = response.status_code == 200
        expected[address] = (200 if same_address else 301, 200, title or ANY_TITLE)

    assert answers == expected


class AnyTitle:
    """A post without a title gets one from its first words: any, not empty."""

    def __eq__(self, other):
        return bool(other)

    def __repr__(self):
        return "<a title from its first words>"


ANY_TITLE = AnyTitle()


def test_no_imported_page_shows_an_image_from_another_host(client, export):
    addresses = [a.get_absolute_url() for a in Article.objects.published()]
    addresses += [p.get_absolute_url() for p in Page.objects.published()]
    outside = {}
    for address in addresses:
        main = client.get(address).text.split("<main", 1)[-1]
        sources = re.findall(r"<img\b[^>]*\bsrc=\"([^\"]*)\"", main)
        sources += re.findall(r"\bsrcset=\"([^\"]*)\"", main)
        for source in sources:
            if not source.startswith("/") or source.startswith("//"):
                outside.setdefault(address, []).append(source)

    assert outside == {}
