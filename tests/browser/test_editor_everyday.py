"""An editor's everyday work on articles and pages: what the editor says and
shows, in words an editor reads, and nothing lost along the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import COLLEAGUE
from tests.browser.test_editor import sign_in, type_body

UNLABELLED_IMAGES = """
import io
from PIL import Image
from library.uploads import add_to_library
for name, colour in (("chart.png", "#224466"), ("team.png", "#664422")):
    data = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(data, format="PNG")
    print(add_to_library(data.getvalue(), name=name).pk)
"""


def no_violations(tab):
    results = Axe().run(tab)
    assert results.violations_count == 0, results.generate_report()


def new_article(tab, title, body="Plain words first.\n"):
    """An article written and saved in the form; the address of its form."""
    tab.goto("/admin/articles/article/add/")
    tab.get_by_label("Title:", exact=True).fill(title)
    tab.get_by_label("Summary").fill(f"What “{title}” is about, in a sentence.")
    tab.get_by_label("Author").select_option(index=1)
    type_body(tab, body)
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    return tab.url


@pytest.fixture
def colleague(chromium, live_site):
    """Ana, another editor, signed in in a browser of her own."""
    context = chromium.new_context(base_url=live_site)
    tab = context.new_page()
    sign_in(tab, COLLEAGUE)
    yield tab
    context.close()


def test_an_article_that_may_not_go_live_is_kept_as_a_draft_naming_each_image(
    page, site_shell
):
    chart, team = site_shell(UNLABELLED_IMAGES).split()
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill("How the team charts its week")
    page.get_by_label("Summary").fill("A chart, a photo, and what they show.")
    page.get_by_label("Author").select_option(index=1)
    type_body(page, f"![](image:{chart})\n\nThe chart.\n\nAnd ![](image:{team}).\n")
    expect(page.locator(".editor-check-list .check-blocks")).to_contain_text(
        "2 images have no alt text: chart.png (line 1) and team.png (line 5)."
    )
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist .warning").first).to_have_text(
        re.compile(
            r"^Saved as a draft, not published: 2 images have no alt text: "
            r"chart\.png \(line 1\) and team\.png \(line 5\)\. Describe each"
        )
    )
    assert re.search(r"/admin/articles/article/\d+/change/$", page.url)
    expect(page.get_by_label("Status")).to_have_value("draft")
    expect(page.locator(".CodeMirror")).to_contain_text("The chart.")
    no_violations(page)


def test_what_changed_between_two_versions_is_a_click_from_the_editor(page, colleague):
    sign_in(page)
    change = new_article(page, "Queues that never lose a job")
    page.get_by_label("Title:", exact=True).fill("Queues that never lose a task")
    page.get_by_role("button", name="Save and continue editing").click()

    page.get_by_role("link", name="Compare with the version before").click()
    changes = page.locator("#content-main")
    expect(changes.get_by_role("heading", name="Title", exact=True)).to_be_visible()
    expect(changes.locator("del").first).to_contain_text("job")
    expect(changes.locator("ins").first).to_contain_text("task")
    no_violations(page)
    page.get_by_role("link", name="All versions").click()
    no_violations(page)

    # Ana saves a new summary while the editor's form is open.
    page.goto(change)
    colleague.goto(change)
    colleague.get_by_label("Summary").fill("Every task is kept until it is done.")
    colleague.get_by_role("button", name="Save and continue editing").click()
    expect(colleague.locator(".messagelist .success")).to_be_visible()

    type_body(page, "A line of mine.\n")
    page.keyboard.press("ControlOrMeta+s")
    status = page.locator("#editor-status")
    expect(status).to_contain_text("Ana Lima (at ")
    expect(status).to_contain_text("saved this article after you opened it")
    what_changed = status.get_by_role("link", name="see what changed")
    page.goto(what_changed.get_attribute("href"))
    changes = page.locator("#content-main")
    expect(changes.get_by_role("heading", name="Summary", exact=True)).to_be_visible()
    expect(changes.get_by_role("heading", name="Title", exact=True)).to_have_count(0)


def test_a_page_has_the_live_preview_and_version_locking_of_articles(page, colleague):
    sign_in(page)
    page.goto("/admin/pages/page/add/")
    page.get_by_label("Title:", exact=True).fill("Colophon")
    page.get_by_label("Summary").fill("How this site is made, and with what.")
    type_body(page, "## Tools\n\nDjango and PostgreSQL.\n")
    preview = page.frame_locator("#editor-preview iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Colophon")
    expect(preview.get_by_role("heading", name="Tools")).to_be_visible()
    expect(preview.get_by_text("min read")).to_have_count(0)  # a page, no byline
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # Ana opens it too, and saves first: the editor's stale save is refused.
    colleague.goto(page.url)
    expect(colleague.locator("#editor-presence")).to_contain_text(
        "editor opened this just now"
    )
    colleague.get_by_label("Summary").fill("How this site is made.")
    colleague.get_by_role("button", name="Save and continue editing").click()
    expect(colleague.locator(".messagelist .success")).to_be_visible()
    type_body(page, "## Tools\n\nDjango, PostgreSQL and a good editor.\n")
    page.keyboard.press("ControlOrMeta+s")
    expect(page.locator("#editor-status")).to_contain_text("Ana Lima (at ")
    expect(page.locator("#editor-status")).to_contain_text(
        "saved this page after you opened it"
    )
    expect(page.locator(".CodeMirror")).to_contain_text("a good editor")


def test_a_page_keeps_a_draft_on_the_server_every_half_minute(chromium, live_site):
    context = chromium.new_context(base_url=live_site)
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sign_in(tab)
    # The fake clock is a script in every frame: the preview's sandbox refuses it.
    tab.clock.install()
    tab.goto("/admin/pages/page/")
    tab.get_by_role("link", name="About").first.click()
    change = tab.url
    type_body(tab, "Typed, and kept on the server.\n")

    tab.clock.fast_forward(31_000)
    expect(tab.locator("#editor-status")).to_contain_text("Draft kept on the server")
    tab.evaluate("() => window.localStorage.clear()")  # only the server's copy
    tab.goto(change)
    tab.get_by_role("button", name="Restore the draft").click()

    expect(tab.locator(".CodeMirror")).to_contain_text("kept on the server")
    context.close()
    frame_noise = "because the document's frame is sandboxed"
    assert [error for error in errors if frame_noise not in error] == []


def test_a_save_from_another_tab_of_ones_own_is_told_apart(page):
    sign_in(page)
    change = new_article(page, "Caches and what they forget")
    other_tab = page.context.new_page()
    other_tab.goto(change)
    other_tab.get_by_label("Summary").fill("What a cache keeps, and for how long.")
    other_tab.get_by_role("button", name="Save and continue editing").click()
    expect(other_tab.locator(".messagelist .success")).to_be_visible()

    type_body(page, "Typed in the first tab.\n")
    page.keyboard.press("ControlOrMeta+s")

    expect(page.locator("#editor-status")).to_contain_text(
        "You saved this article in another tab or window"
    )


def test_the_editor_speaks_plainly_and_its_preview_matches_the_page(page):
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill("Counting the words readers read")
    page.get_by_label("Author").select_option(index=1)
    body = (
        "## Two headings\n\n| Setting | Value |\n| --- | --- |\n| workers | 4 |\n\n"
        "Some `code` and [a link](https://example.org/) in a sentence.\n"
    )
    type_body(page, body)

    preview = page.frame_locator("#editor-preview iframe")
    expect(preview.get_by_role("heading", name="Two headings")).to_be_visible()
    expect(preview.locator(".meta")).to_contain_text("Draft, not published")
    expect(preview.locator(".meta")).not_to_contain_text("Published")
    words = page.locator(".editor-statusbar .words")
    expect(words).to_have_text(re.compile(r"^\d+$"))
    thin = page.locator(".editor-check-list li", has_text="words; aim for")
    assert f"Only {words.inner_text()} words" in thin.inner_text()

    editing_h2 = page.locator(".CodeMirror .cm-header-2").first
    preview_h2 = preview.get_by_role("heading", name="Two headings")
    assert font_size(editing_h2) <= font_size(preview_h2)

    heading = page.locator(".editor-checks h3").bounding_box()
    first_check = page.locator(".editor-check-list li").first.bounding_box()
    checks_column = page.locator("#editor-preview").bounding_box()
    assert abs(first_check["x"] - heading["x"]) < 8
    assert first_check["width"] > 0.8 * checks_column["width"]


def font_size(locator):
    return float(locator.evaluate("e => getComputedStyle(e).fontSize")[:-2])


def test_a_shared_preview_link_leads_to_the_article_once_it_is_published(
    page, chromium, live_site
):
    sign_in(page)
    new_article(page, "Backups that restore")
    page.get_by_role("button", name=re.compile("add another shareable", re.I)).click()
    page.get_by_role("button", name="Save and continue editing").click()
    link = page.locator(".field-address a").first.get_attribute("href")
    reviewer = chromium.new_context(base_url=live_site).new_page()
    reviewer.goto(link)
    expect(reviewer.get_by_role("status")).to_contain_text("It is not public yet.")

    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    slug = page.get_by_label("Slug").input_value()
    reviewer.goto(link)

    expect(reviewer).to_have_url(f"{live_site}/articles/{slug}/")
    expect(reviewer.get_by_text("not public")).to_have_count(0)
    reviewer.context.close()
