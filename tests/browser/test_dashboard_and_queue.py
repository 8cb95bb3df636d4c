"""The admin's home and the comment queue, at a desk and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OWNER
from tests.browser.test_editor import sign_in
from tests.browser.test_editor_everyday import no_violations

PENDING = """
from articles.models import Article
from comments.models import Comment, Status
article = Article.objects.get(slug="data-and-databases")
for name in ("Queue Ada", "Queue Ben", "Queue Cy"):
    Comment.objects.create(
        entry=article.entry, name=name, email=f"{name[6:].lower()}@example.net",
        status=Status.PENDING, moderation_reason="held: first comment here",
        body=f"{name} asks how a GIN index keeps up with the table it indexes.",
    )
"""


def test_the_dashboard_uses_the_screen_and_starts_an_article(page):
    sign_in(page)

    assert page.locator("#header").bounding_box()["width"] == 1280
    tops = [box.bounding_box()["y"] for box in page.locator(".dashboard-section").all()]
    assert len(set(tops)) < len(tops)  # sections side by side
    no_violations(page)
    page.get_by_role("link", name="Write a new article").click()
    expect(page).to_have_url(re.compile(r"/admin/articles/article/add/$"))


def test_the_owner_sees_every_app_named_in_plain_words(page):
    sign_in(page, OWNER)

    names = page.locator("#content-main .module caption").all_text_contents()
    names = [name.strip() for name in names]
    for label in ("Axes", "Otp_Static", "Otp_Totp", "Tasks Database Backend", "Sites"):
        assert label not in names
    for name in ("Sign-in lockouts", "Two-factor authenticator apps", "Site address"):
        assert name in names
    assert names.index("Pages") < names.index("Sign-in lockouts")  # machinery last
    no_violations(page)
    page.goto("/admin/pages/page/")
    sidebar = page.locator("#nav-sidebar")
    expect(sidebar).to_contain_text("Two-factor authenticator apps")
    expect(sidebar).not_to_contain_text("Otp_Totp")


@pytest.fixture
def queue(page, site_shell, no_comments_waiting):
    """Three comments awaiting moderation, and the editor at the queue."""
    site_shell(PENDING)
    sign_in(page)
    page.goto("/admin/comments/comment/?status__exact=pending")
    return page


def test_at_1280_px_every_column_of_the_queue_is_in_view(queue):
    filters = queue.locator("#changelist-filter").bounding_box()
    table = queue.locator("#result_list").bounding_box()
    assert filters["y"] + filters["height"] <= table["y"]  # above it, not beside
    for column in ("Status", "Created at", "Moderate"):
        header = queue.locator("#result_list thead th", has_text=column).bounding_box()
        assert header["x"] + header["width"] <= 1280, column
    no_violations(queue)
    queue.set_viewport_size({"width": 375, "height": 800})
    approve = queue.get_by_role("button", name="Approve the comment by Queue Ada")
    assert approve.bounding_box()["x"] + approve.bounding_box()["width"] <= 375
    queue.set_viewport_size({"width": 1280, "height": 900})
    queue.get_by_role("button", name="Remove the comment by Queue Ada").click()
    queue.get_by_role("button", name="Remove the comment by Queue Ben").click()
    queue.get_by_role("button", name="Remove the comment by Queue Cy").click()
    expect(queue.locator("#result_list")).to_have_count(0)


def test_a_moderator_works_through_the_queue_with_the_keyboard(queue):
    rows = queue.locator("#result_list tbody tr")
    first = rows.first.locator(".comment-actions .button").first
    first.focus()
    label = first.get_attribute("aria-label")
    assert label.startswith("Approve the comment by Queue ")

    queue.keyboard.press("Enter")  # approve the first
    expect(queue.locator(".messagelist")).to_contain_text("Approved 1 comment(s).")
    expect(rows).to_have_count(2)
    focused = queue.locator(":focus")
    expect(focused).to_have_attribute("aria-label", re.compile("^Approve the comm"))
    assert focused.get_attribute("aria-label") != label  # the next comment's

    queue.keyboard.press("Tab")
    expect(queue.locator(":focus")).to_have_text("Spam")
    queue.keyboard.press("Enter")  # spam the second
    expect(queue.locator(".messagelist")).to_contain_text("Marked as spam 1 comment")
    expect(rows).to_have_count(1)

    queue.keyboard.press("Tab")
    queue.keyboard.press("Tab")
    expect(queue.locator(":focus")).to_have_text("Remove")
    queue.keyboard.press("Tab")
    expect(queue.locator(":focus")).to_have_text("Reply")
    queue.keyboard.press("Enter")  # reply to the last
    expect(queue).to_have_url(
        re.compile(r"/admin/comments/comment/\d+/change/#id_site_reply$")
    )
    expect(queue.get_by_label("Reply as the site")).to_be_in_viewport()
    queue.go_back()
    queue.get_by_role("button", name=re.compile("^Remove the comment by")).click()
    expect(queue.locator("#result_list")).to_have_count(0)
