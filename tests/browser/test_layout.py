"""Pages fit the screen, on a phone and on a desktop, in light and dark."""

import pytest

# Each kind of page that lists or shows the article titled with one long word.
PAGES = (
    "/",
    "/articles/",
    "/articles/long-words/",
    "/search/?q=Pneumonoultramicroscopicsilicovolcanoconiosisandotherverylongwords",
    "/topics/",
    "/authors/",
    "/archive/",
)


def measure(tab):
    return tab.evaluate(
        """() => {
        const find = selector => document.querySelector(selector);
        const box = selector => find(selector).getBoundingClientRect();
        const column = box("main"), footer = box(".site-footer .wrap");
        const header = box(".site-header .wrap"), form = box(".site-search");
        const button = box(".site-search button");
        const wrap = getComputedStyle(find(".site-header .wrap"));
        const padding = parseFloat(wrap.paddingRight);
        return {
            overflow: document.documentElement.scrollWidth - innerWidth,
            footerOffset: Math.abs(footer.left - column.left),
            searchLeftMargin: form.left - header.left - padding,
            searchRightMargin: header.right - padding - button.right,
        };
    }"""
    )


@pytest.mark.parametrize("path", PAGES)
def test_long_words_never_widen_the_page(screen, path):
    screen.goto(path)

    assert measure(screen)["overflow"] <= 0


def test_the_footer_lines_up_with_the_main_column(screen):
    screen.goto("/articles/long-words/")

    assert measure(screen)["footerOffset"] < 1


def test_the_search_box_keeps_the_same_margin_on_both_sides(screen):
    screen.goto("/")

    layout = measure(screen)
    assert abs(layout["searchLeftMargin"] - layout["searchRightMargin"]) < 1


def test_navigation_leads_to_authors_and_the_archive(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Archive"
    ).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Archive"
    assert page.locator("main a[href^='/archive/']").count() >= 2  # a year, a month
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Authors"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Authors"
