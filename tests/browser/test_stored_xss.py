"""Script stored in an article and its approved comments never runs in Chromium."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DATABASE, ROOT, database_url
from tests.test_stored_xss import PAYLOADS, WEBSITES

STORE = """
from django.utils import timezone
from articles.models import Article, Author
from publishing.models import Status
from comments.models import Comment, Status as CommentStatus
payloads, websites = {payloads!r}, {websites!r}
article = Article.objects.create(
    title="Payloads " + payloads[0], slug="payloads", summary=payloads[1],
    body="\\n\\n".join(payloads), author=Author.objects.first(),
    status=Status.PUBLISHED, published_at=timezone.now(),
)
for number, payload in enumerate(payloads):
    Comment.objects.create(
        entry=article.entry, name=payload[:80], email=f"{{number}}@example.org",
        body=payload, status=CommentStatus.APPROVED,
    )
for number, website in enumerate(websites):
    Comment.objects.create(
        entry=article.entry, name="Site", email="site@example.org", website=website,
        body=f"Site {{number}}", status=CommentStatus.APPROVED,
    )
"""
# What would have run had a payload got through: handlers, scripts, embeds.
INJECTED = """() => ({
  handlers: [...document.querySelectorAll("*")].flatMap(element =>
    [...element.attributes].filter(a => a.name.startsWith("on"))
      .map(a => `${element.tagName} ${a.name}`)),
  elements: [...document.querySelectorAll(
    "svg, math, iframe, object, embed, base, style, img[src='x']"
  )].map(element => element.tagName),
  scripts: [...document.scripts]
    .filter(s => !s.src.includes("/static/") && s.type !== "application/ld+json")
    .map(s => s.outerHTML.slice(0, 80)),
  urls: [...document.querySelectorAll("[href], [src], [action]")]
    .map(e => e.getAttribute("href") || e.getAttribute("src") || e.action)
    .filter(url => /^\\s*(javascript|vbscript|data):/i.test(url)),
})"""


@pytest.fixture(scope="module")
def payload_article(live_site):
    """The article /articles/payloads/, every payload in it and its comments."""
    env = {**os.environ, "DATABASE_URL": database_url(DATABASE)}
    script = STORE.format(payloads=PAYLOADS, websites=WEBSITES)
    subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("path", ["/articles/payloads/", "/", "/search/?q=payloads"])
def test_stored_script_never_runs_in_the_browser(page, payload_article, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(path)
    page.wait_for_load_state("networkidle")
    for comment in page.locator("article.comment").all():
        comment.hover()  # for any onmouseover that got through

    expect(
        page.get_by_text("Payloads <script>alert('script')</script>").first
    ).to_be_visible()
    assert dialogs == []
    assert page.evaluate(INJECTED) == {
        "handlers": [], "elements": [], "scripts": [], "urls": [],
    }  # fmt: skip
