"""The admin's scripts work under its Content-Security-Policy (no inline script)."""

from playwright.sync_api import expect

from tests.browser.conftest import EDITOR


def test_the_admins_scripts_run_and_break_no_rule_of_its_policy(chromium, live_site):
    tab = chromium.new_context(base_url=live_site).new_page()
    refused, failures = [], []
    tab.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and refused.append(message.text)
        ),
    )
    tab.on("pageerror", lambda error: failures.append(str(error)))

    tab.goto("/admin/articles/article/add/")
    tab.get_by_label("Username").fill(EDITOR["username"])
    tab.get_by_label("Password").fill(EDITOR["password"])
    tab.get_by_role("button", name="Log in").click()
    tab.locator("#id_title").press_sequentially("Headers that keep readers safe")
    # The prepopulated-fields script fills in the slug as the title is typed,
    expect(tab.locator("#id_slug")).to_have_value("headers-that-keep-readers-safe")
    # and the autocomplete script offers topics to choose from.
    tab.locator(".select2-selection--multiple").click()
    expect(tab.locator(".select2-results__option").first).to_be_visible()
    # An article's form shows its SEO report, drawn with inline style.
    tab.goto("/admin/articles/article/")
    tab.locator("#result_list tbody th a").first.click()
    expect(tab.locator(".serp-preview")).to_have_count(1)
    tab.goto("/admin/comments/comment/")
    tab.get_by_role("combobox", name="Action").select_option("approve")
    # Pairing an authenticator app shows its QR code (a data: image).
    tab.get_by_role("link", name="Two-factor sign-in").click()
    qr_code = tab.get_by_alt_text("QR code to scan with an authenticator app")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.naturalWidth") > 0
    tab.context.close()

    assert (refused, failures) == ([], [])
