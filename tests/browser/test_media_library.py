"""An editor writes an article with a heading, a table, code and images from the
library, sees each in the live preview, and publishes; readers get <picture>."""

import base64
import io
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from PIL import Image as Pillow
from playwright.sync_api import expect

from tests.browser.test_reading_and_commenting import logged_in_editor


def png(size, colour):
    buffer = io.BytesIO()
    Pillow.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def requests_seen(tab):
    """Every address the tab asks for, from now on."""
    seen = []
    tab.on("request", lambda request: seen.append(request.url))
    return seen


def no_violations(tab, context=None):
    results = Axe().run(tab, context=context)
    assert results.violations_count == 0, results.generate_report()


def drop_file(tab, selector, *, name, data):
    """Drop a file onto an element, as dragging one from the desktop does."""
    transfer = tab.evaluate_handle(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "image/png" }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode()],
    )
    tab.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_an_editor_uploads_images_with_alt_text_and_readers_get_pictures(
    chromium, live_site
):
    editor = logged_in_editor(chromium, live_site)
    asked = requests_seen(editor)
    editor.goto("/admin/articles/article/add/")
    editor.locator("#id_title").fill("A harbour at dawn")
    editor.locator("#id_summary").fill("Boats, light and the morning tide.")
    body = editor.locator(".CodeMirror")
    body.click()
    editor.keyboard.insert_text(
        "## The quay\n\nThe boats come in early.\n\n"
        "| Boat | Catch |\n| --- | --- |\n| Mary Ann | cod |\n\n"
        "```text\nhigh water 05:40\n```\n\n"
    )

    editor.get_by_role("button", name="Insert image").click()
    chooser = editor.get_by_role("dialog", name="Insert an image from the library")
    expect(chooser).to_be_visible()
    no_violations(editor)
    chooser.get_by_label("Or upload a new image").set_input_files(
        {
            "name": "harbour.png",
            "mimeType": "image/png",
            "buffer": png((1200, 800), "#1f4e79"),
        }
    )
    describe = editor.get_by_role("dialog", name="Describe the image")
    expect(describe).to_be_visible()
    no_violations(editor)
    describe.get_by_role("button", name="Upload").click()
    expect(describe.get_by_role("alert")).to_have_text(
        "Describe the image, or mark it decorative."
    )
    describe.get_by_label("Alt text").fill("Fishing boats in a harbour at dawn")
    describe.get_by_role("button", name="Upload").click()
    expect(body).to_contain_text(
        re.compile(r"!\[Fishing boats in a harbour at dawn\]\(image:\d+\)")
    )

    editor.keyboard.insert_text("\n\nThey unload by six.\n\n")
    drop_file(
        editor, ".CodeMirror-lines", name="crates.png", data=png((900, 600), "#7a4b1f")
    )
    describe = editor.get_by_role("dialog", name="Describe the image")
    describe.get_by_label("Alt text").fill("Crates of fish stacked on the quay")
    describe.get_by_role("button", name="Upload").click()
    expect(body).to_contain_text(
        re.compile(r"!\[Crates of fish stacked on the quay\]\(image:\d+\)")
    )

    # The live preview shows what readers will get, images included.
    preview = editor.frame_locator("#editor-preview iframe")
    expect(preview.get_by_role("heading", name="The quay")).to_be_visible()
    expect(preview.get_by_role("cell", name="Mary Ann")).to_be_visible()
    expect(preview.locator("pre code")).to_contain_text("high water 05:40")
    expect(
        preview.get_by_alt_text("Fishing boats in a harbour at dawn")
    ).to_be_visible()
    expect(
        preview.get_by_alt_text("Crates of fish stacked on the quay")
    ).to_be_visible()

    editor.locator("#id_author").select_option(index=1)
    editor.locator("#id_status").select_option("published")
    now = datetime.now(UTC) - timedelta(minutes=1)
    editor.locator("#id_published_at_0").fill(now.strftime("%Y-%m-%d"))
    editor.locator("#id_published_at_1").fill(now.strftime("%H:%M:%S"))
    editor.locator("input[name=_save]").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("A harbour at dawn")
    assert {urlsplit(url).hostname for url in asked} == {"127.0.0.1"}

    reader = chromium.new_context(base_url=live_site).new_page()
    fetched = requests_seen(reader)
    console_errors = []  # a policy (CSP) refusing an image is one
    reader.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )
    pictures = reader.locator("main picture")
    deadline = time.monotonic() + 90  # the task worker makes the renditions
    while True:
        reader.goto("/articles/a-harbour-at-dawn/")
        if pictures.count() == 2 or time.monotonic() > deadline:
            break
        time.sleep(1)
    expect(pictures).to_have_count(2)
    first, second = pictures.locator("img").all()
    expect(first).to_have_attribute("alt", "Fishing boats in a harbour at dawn")
    expect(first).to_have_attribute("width", "1200")
    expect(first).to_have_attribute("height", "800")
    expect(second).to_have_attribute("loading", "lazy")
    expect(pictures.first.locator("source[type='image/avif']")).to_have_count(1)
    expect(pictures.first.locator("source[type='image/webp']")).to_have_count(1)
    second.scroll_into_view_if_needed()
    for image in (first, second):
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("image => image.naturalWidth") > 0
        assert image.evaluate("image => image.currentSrc").endswith(".avif")
    assert {urlsplit(url).hostname for url in fetched} == {"127.0.0.1"}
    assert console_errors == []
    reader.context.close()
    editor.context.close()


def test_the_media_library_pages_have_no_accessibility_violations(chromium, live_site):
    editor = logged_in_editor(chromium, live_site)
    editor.goto("/admin/library/image/add/")
    no_violations(editor)
    editor.get_by_label("Image file").set_input_files(
        {
            "name": "quay.png",
            "mimeType": "image/png",
            "buffer": png((640, 480), "#2e7d32"),
        }
    )
    editor.get_by_label("Alt text").fill("An empty quay at noon")
    editor.get_by_label("Caption").fill("The quay after the market")
    editor.locator("input[name=_save]").click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    no_violations(editor, "#content")
    editor.get_by_role("link", name="An empty quay at noon").first.click()
    expect(editor.locator("#id_alt_text")).to_have_value("An empty quay at noon")
    no_violations(editor, "#content")
    editor.context.close()
