"""An editor writes, previews, loses a tab, meets a colleague's save and publishes."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import COLLEAGUE, EDITOR

BODY = """## Getting started

Plain words first.

| Setting | Value |
| --- | --- |
| workers | 4 |

```python
print("hello, readers")
```
"""


def sign_in(tab, who=EDITOR):
    tab.goto("/admin/")
    tab.get_by_label("Username").fill(who["username"])
    tab.get_by_label("Password").fill(who["password"])
    tab.get_by_role("button", name="Log in").click()


@pytest.fixture
def requests_made(page, live_site):
    """Every address the admin's pages ask for, to check none leaves the site."""
    seen = []
    page.context.on("request", lambda request: seen.append(request.url))
    return seen


def type_body(tab, text):
    tab.locator(".CodeMirror").click()
    tab.keyboard.press("ControlOrMeta+a")
    tab.keyboard.insert_text(text)


def test_an_editor_writes_with_a_live_preview_and_loses_nothing(
    page, chromium, live_site, requests_made
):
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill("Settings that workers read at start")
    page.get_by_label("Summary").fill(
        "Where a worker finds its settings, and why it reads them once."
    )
    page.get_by_label("Author").select_option(index=1)
    type_body(page, BODY)

    preview = page.frame_locator("#editor-preview iframe")
    expect(preview.get_by_role("heading", name="Getting started")).to_be_visible()
    expect(preview.get_by_role("cell", name="workers")).to_be_visible()
    expect(preview.locator("pre code")).to_contain_text('print("hello, readers")')
    checks = page.locator(".editor-check-list")
    expect(checks).to_contain_text("Headings go down one level at a time.")
    # A heading that skips a level blocks publishing, and the preview says so.
    type_body(page, BODY.replace("## Getting", "#### Getting"))
    expect(checks.locator(".check-blocks")).to_contain_text(
        "An h4 follows an h1: a level is skipped. Blocks publishing."
    )
    type_body(page, BODY)
    expect(checks.locator(".check-blocks")).to_have_count(0)

    # The tab closes before the article is saved; the text is kept.
    context = page.context
    page.close()
    tab = context.new_page()
    tab.goto("/admin/articles/article/add/")
    tab.get_by_role("button", name="Restore it").click()
    expect(tab.get_by_label("Title:", exact=True)).to_have_value(
        "Settings that workers read at start"
    )
    expect(tab.locator(".CodeMirror")).to_contain_text("Getting started")
    tab.get_by_label("Author").select_option(index=1)
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator(".messagelist .success")).to_be_visible()
    change_url = tab.url

    # A colleague saves the same article first, in another browser.
    other = chromium.new_context(base_url=live_site)
    colleague = other.new_page()
    sign_in(colleague, COLLEAGUE)
    colleague.goto(change_url)
    colleague.get_by_label("Title:", exact=True).fill(
        "Settings workers read once, at start"
    )
    colleague.get_by_role("button", name="Save and continue editing").click()
    expect(colleague.locator(".messagelist .success")).to_be_visible()
    other.close()

    # Saving the stale form with Ctrl/Cmd-S is refused, and the text stays.
    type_body(tab, BODY + "\nA closing line of mine.\n")
    tab.keyboard.press("ControlOrMeta+s")
    status = tab.locator("#editor-status")
    expect(status).to_contain_text("saved this article after you opened it")
    assert tab.url == change_url
    expect(tab.locator(".CodeMirror")).to_contain_text("A closing line of mine.")

    # Saving again, knowingly, replaces the colleague's version; then publish.
    tab.keyboard.press("ControlOrMeta+s")
    expect(status).to_contain_text(re.compile(r"Saved at"))
    tab.get_by_label("Status").select_option("published")
    tab.locator("#id_published_at_0").fill("2026-01-05")
    tab.locator("#id_published_at_1").fill("09:00:00")
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator(".messagelist .success")).to_be_visible()

    slug = tab.get_by_label("Slug").input_value()
    tab.goto(f"/articles/{slug}/")
    expect(tab.get_by_role("heading", name="Getting started")).to_be_visible()
    expect(tab.locator(".prose")).to_contain_text("A closing line of mine.")

    assert requests_made
    assert [url for url in requests_made if not url.startswith(live_site)] == []


def test_the_help_overlay_lists_the_shortcuts(page):
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    page.locator(".CodeMirror").click()
    page.keyboard.press("ControlOrMeta+/")

    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Save and keep editing")
    page.get_by_role("button", name="Close").click()
    expect(help_dialog).to_be_hidden()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/add/",
        "/admin/editing/linkcheck/",
        "/admin/pages/page/add/",
    ],
)
def test_the_editors_admin_pages_have_no_accessibility_violations(page, path):
    sign_in(page)
    page.goto(path)
    page.wait_for_load_state("networkidle")

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()


def test_a_page_is_saved_with_ctrl_s_without_leaving_it(page):
    sign_in(page)
    page.goto("/admin/pages/page/")
    page.get_by_role("link", name="About").first.click()
    url = page.url
    page.locator(".CodeMirror").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.insert_text("\n\nWritten with the toolbar at hand.\n")
    page.keyboard.press("ControlOrMeta+s")

    expect(page.locator("#editor-status")).to_contain_text("Saved at")
    assert page.url == url
    page.goto("/about/")
    expect(page.locator("main")).to_contain_text("Written with the toolbar at hand.")


PASTE_AN_IMAGE = """() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([137, 80, 78, 71])], "cat.png",
                            {type: "image/png"}));
    document.querySelector(".CodeMirror textarea").dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                     cancelable: true}));
}"""


def test_a_pasted_image_goes_to_the_media_library_when_there_is_one(page):
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    type_body(page, "Before. ")
    page.evaluate(PASTE_AN_IMAGE)  # no library on this site: nothing happens
    expect(page.locator("#id_body")).to_have_value("Before. ")

    # The media library's side of the contract: upload() resolves to Markdown.
    page.evaluate(
        "() => { window.mediaLibrary = {upload: file => Promise.resolve("
        "'![A cat asleep](image:42)')}; }"
    )
    page.evaluate(PASTE_AN_IMAGE)
    expect(page.locator("#id_body")).to_have_value("Before. ![A cat asleep](image:42)")
    page.evaluate("() => window.articleEditor.insert(' After.')")
    expect(page.locator("#id_body")).to_have_value(
        "Before. ![A cat asleep](image:42) After."
    )


def test_the_preview_scrolls_with_the_editor(page):
    sign_in(page)
    page.goto("/admin/articles/article/add/")
    type_body(
        page, "\n\n".join(f"## Part {n}\n\nA paragraph of part {n}." for n in range(60))
    )
    preview = page.frame_locator("#editor-preview iframe")
    expect(preview.get_by_role("heading", name="Part 59")).to_be_attached()

    page.locator(".CodeMirror-scroll").hover()
    page.mouse.wheel(0, 5000)

    frame = page.locator("#editor-preview iframe")
    assert page.wait_for_function(
        "frame => frame.contentDocument.scrollingElement.scrollTop > 500",
        arg=frame.element_handle(),
    )
