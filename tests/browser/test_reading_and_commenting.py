"""A reader and an editor use the site in Chromium, start to finish."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import EDITOR

READER = {"name": "Rosa Reader", "email": "rosa.reader@example.net"}


def test_read_search_comment_moderate_and_reply(
    page, chromium, live_site, no_comments_waiting
):
    page.goto("/")
    page.get_by_role("link", name="Introduction to the back end").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Introduction to the back end"
    )
    page.get_by_role("link", name=re.compile("^What the back end is")).click()
    expect(page.get_by_text("part 1 of 5")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Search"
    ).click()
    search = page.get_by_role("main").get_by_role("search")
    search.get_by_label("Search the articles").fill("index")
    search.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Data and databases, from tables to indexes").click()

    send_comment(page, READER["name"], READER["email"], "Clear and useful, thank you.")
    expect(page).to_have_url(re.compile(r"/articles/data-and-databases/#comment-\d+$"))
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()

    editor = logged_in_editor(chromium, live_site)
    editor.get_by_role("link", name="1 comment awaiting moderation").click()
    editor.get_by_role("row", name=re.compile(READER["name"])).get_by_role(
        "checkbox"
    ).check()
    editor.get_by_role("combobox", name="Action").select_option("approve")
    editor.get_by_role("button", name="Go").click()
    expect(editor.get_by_text("Approved 1 comment(s).")).to_be_visible()
    editor.context.close()

    page.reload()
    comment = page.locator("article.comment", has_text="Clear and useful")
    expect(comment).to_be_visible()
    expect(page.get_by_text("awaiting moderation")).to_have_count(0)

    comment.get_by_role("link", name=re.compile("^Reply")).click()
    expect(
        page.get_by_role("heading", name=f"Reply to {READER['name']}")
    ).to_be_visible()
    send_comment(page, READER["name"], READER["email"], "And one more thought.")
    reply = page.locator("li.depth-2 article.comment", has_text="And one more thought.")
    expect(reply).to_be_visible()


def send_comment(page, name, email, body):
    """Fill in the comment form as a reader does, and send it."""
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Email", exact=True).fill(email)
    page.get_by_role("textbox", name="Comment", exact=True).fill(body)
    page.get_by_role("button", name="Post comment").click()


def logged_in_editor(chromium, live_site):
    editor = chromium.new_context(base_url=live_site).new_page()
    editor.goto("/admin/")
    editor.get_by_label("Username").fill(EDITOR["username"])
    editor.get_by_label("Password").fill(EDITOR["password"])
    editor.get_by_role("button", name="Log in").click()
    return editor


def switch_proof_of_work(editor, *, on):
    editor.goto("/admin/comments/commentsettings/")
    editor.get_by_label("Ask for proof of work").set_checked(on)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.get_by_text("was changed successfully")).to_be_visible()


def test_in_a_spam_wave_the_browser_solves_the_puzzle_before_sending(
    page, chromium, live_site
):
    editor = logged_in_editor(chromium, live_site)
    switch_proof_of_work(editor, on=True)
    try:
        page.goto("/articles/security-and-the-back-end/")
        send_comment(
            page, "Puzzled Reader", "p@example.net", "Sent through the spam wave."
        )

        expect(page).to_have_url(
            re.compile(r"/articles/security-and-the-back-end/#comment-\d+$")
        )
        expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    finally:
        switch_proof_of_work(editor, on=False)
        editor.context.close()


PAGES_FOR_AXE = {
    "home": "/",
    "article": "/articles/data-and-databases/",
    "search": "/search/?q=postgres",
    "topic": "/topics/databases/",
    "topics": "/topics/",
    "series index": "/series/",
    "authors": "/authors/",
    "author": "/authors/editors/",
    "month": "/archive/2026/09/",
    "archive": "/archive/",
    "contact": "/contact/",
    "404": "/no-such-page/",
    "about": "/about/",
    "privacy": "/privacy/",
    "subscribe": "/subscribe/",
    "your comments": "/comments/manage/",
    "comments page": "/articles/data-and-databases/comments/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES_FOR_AXE)
def test_pages_have_no_accessibility_violations(page, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(PAGES_FOR_AXE[name])

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()


def test_comment_form_errors_have_no_accessibility_violations(page):
    page.goto("/articles/security-and-the-back-end/")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    # The reader lands on the form, not at the top of the article.
    expect(page).to_have_url(re.compile(r"/comments/#comment-errors$"))
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_be_in_viewport()

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()


def test_the_article_page_does_not_shift_while_loading(page):
    page.goto("/articles/speed-search-and-the-back-end/")
    page.wait_for_load_state("networkidle")

    shift = page.evaluate(
        """() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) total += entry.value;
            }).observe({type: "layout-shift", buffered: true});
            setTimeout(() => resolve(total), 500);
        })"""
    )

    assert shift == 0


def test_everything_works_without_javascript(chromium, live_site):
    context = chromium.new_context(base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/articles/python-as-a-back-end-language/")

    send_comment(
        page, "No Script", "noscript@example.net", "Posted without JavaScript."
    )

    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    context.close()
