"""A commenter's everyday use in Chromium: a long comment, formatting and its
preview, fixing a typo, the form's rows and their own comments page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_reading_and_commenting import send_comment

ARTICLE = "/articles/security-and-the-back-end/"
RED = {"light": "rgb(179, 38, 30)", "dark": "rgb(255, 180, 171)"}


def no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def fill_author(page, name, email):
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Email", exact=True).fill(email)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_long_pasted_comment_is_counted_and_explained_never_cut(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(ARTICLE)
    box = page.get_by_role("textbox", name="Comment", exact=True)
    expect(page.get_by_text("5,000 characters left")).to_be_visible()

    box.fill("word " * 1040)  # 5,199 characters once trimmed, pasted at once
    expect(page.get_by_text("199 characters too many")).to_be_visible()
    assert box.evaluate("box => box.value.length") == 5200
    no_violations(page)

    fill_author(page, "Long Writer", "long@example.net")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "A comment can be at most 5,000 characters long; this one has 5,199."
    )
    box = page.get_by_role("textbox", name="Comment", exact=True)
    assert box.evaluate("box => box.value.trim().length") == 5199
    no_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_formatting_is_explained_previewed_and_published_as_seen(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(ARTICLE)
    help_text = page.locator("#id_body_helptext")
    expect(help_text).to_contain_text("*emphasis*, **strong**, `code`")
    expect(help_text).to_contain_text("No HTML.")
    box = page.get_by_role("textbox", name="Comment", exact=True)
    assert help_text.bounding_box()["y"] > box.bounding_box()["y"]  # under it

    box.fill("**Bold** words, <b>not HTML</b>, and [a link](https://example.org)")
    page.get_by_role("button", name="Preview").click()

    preview = page.locator(".comment-preview")
    expect(preview.locator("strong")).to_have_text("Bold")
    expect(preview).to_contain_text("<b>not HTML</b>")
    expect(preview.get_by_role("link", name="a link")).to_have_attribute(
        "rel", "nofollow ugc noopener"
    )
    no_violations(page)

    fill_author(page, "Formatted Reader", "formatted@example.net")
    page.get_by_role("button", name="Post comment").click()
    mine = page.locator("article.comment", has_text="Bold words")
    expect(mine.locator("strong")).to_have_text("Bold")


def test_a_typo_is_fixed_and_a_comment_deleted_from_the_browser_that_sent_it(
    page, chromium, live_site
):
    page.goto(ARTICLE)
    send_comment(page, "Typo Reader", "typo@example.net", "Teh words I meant.")
    mine = page.locator("article.comment", has_text="Teh words I meant.")
    mine.get_by_role("link", name="Edit your comment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your comment")
    no_violations(page)
    page.get_by_role("textbox", name="Comment").fill("The words I meant.")
    page.get_by_role("button", name="Save changes").click()

    fixed = page.locator("article.comment", has_text="The words I meant.")
    expect(fixed).to_be_visible()
    expect(fixed.get_by_text("edited")).to_be_visible()
    other = chromium.new_context(base_url=live_site).new_page()
    other.goto(ARTICLE)
    expect(other.get_by_role("link", name="Edit your comment")).to_have_count(0)
    other.context.close()

    fixed.get_by_role("link", name="Delete your comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your comment?")
    no_violations(page)
    page.get_by_role("button", name="Delete my comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment is deleted")
    page.get_by_role("link", name=re.compile("^Back to")).click()
    expect(page.get_by_text("The words I meant.")).to_have_count(0)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_reply_mail_box_and_its_label_sit_on_one_line(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(ARTICLE)

    label = page.locator('label[for="id_notify"]')
    box = page.locator("#id_notify").bounding_box()
    line = label.evaluate("label => parseFloat(getComputedStyle(label).lineHeight)")
    shape = label.bounding_box()

    assert shape["height"] < 1.5 * line, "the label wraps"
    assert abs((box["y"] + box["height"] / 2) - (shape["y"] + shape["height"] / 2)) < 4
    help_text = page.locator("#id_notify_helptext").bounding_box()
    assert help_text["y"] >= shape["y"] + shape["height"] - 1  # below, full width


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_your_comments_asks_before_deleting_and_looks_dangerous(
    page, site_shell, scheme
):
    token = site_shell(
        "from comments.commenters import CommenterToken, Purpose\n"
        "from datetime import timedelta\n"
        "print(CommenterToken.issue(purpose=Purpose.MANAGE, "
        "email='ada@example.net', lifetime=timedelta(hours=1)))"
    ).strip()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"/comments/manage/{token}/")
    page.get_by_role("button", name="Show my comments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comments")
    no_violations(page)

    delete = page.get_by_role("button", name="Delete this comment")
    erase = page.get_by_role("button", name="Erase all my data")
    for button in (delete, erase):
        color = button.evaluate("b => getComputedStyle(b).backgroundColor")
        assert color == RED[scheme]

    delete.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this comment?")
    no_violations(page)
    page.get_by_role("link", name="Keep it").click()
    expect(page.get_by_role("button", name="Delete this comment")).to_be_visible()
