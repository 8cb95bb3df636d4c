"""The subscribe form reads as a reader expects, on a phone and a desktop,
in light and dark."""

from axe_playwright_python.sync_playwright import Axe


def test_each_how_often_choice_sits_beside_its_label(screen):
    screen.goto("/subscribe/")

    choices = screen.locator(".choice").all()
    assert len(choices) == 2
    for choice in choices:
        radio = choice.locator("input").bounding_box()
        label = choice.locator("label").bounding_box()
        assert radio["x"] + radio["width"] <= label["x"]
        middle = radio["y"] + radio["height"] / 2
        assert label["y"] <= middle <= label["y"] + label["height"]


def test_the_subscribe_form_passes_an_accessibility_audit(screen):
    screen.goto("/subscribe/")

    results = Axe().run(screen)

    assert results.violations_count == 0, results.generate_report()
