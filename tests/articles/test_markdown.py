"""Article bodies are rendered once, on save, to safe and highlighted HTML."""

import pytest

from articles.markdown import render_markdown
from tests.factories import ArticleFactory


def test_script_and_event_handlers_are_stripped():
    html = render_markdown(
        'Hi <script>alert(1)</script><img src="x.png" alt="x" onerror="alert(2)">'
    ).html

    assert "<script" not in html and "onerror" not in html
    assert '<img src="x.png" alt="x">' in html


def test_javascript_links_are_not_rendered_as_links():
    html = render_markdown("[click](javascript:alert(1))").html

    assert "href" not in html


def test_code_is_highlighted_with_classes_not_inline_styles():
    html = render_markdown("```python\ndef greet():\n    return 1\n```").html

    assert '<pre><code class="language-python">' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


def test_headings_get_anchors_and_make_the_table_of_contents():
    rendered = render_markdown("## Why *this*\n\ntext\n\n### Detail\n\n#### Deeper\n")

    assert '<h2 id="why-this">' in rendered.html
    assert rendered.toc == [
        {"level": 2, "id": "why-this", "title": "Why this"},
        {"level": 3, "id": "detail", "title": "Detail"},
    ]


def test_tables_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n").html

    assert "<table>" in html and "<td>2</td>" in html


@pytest.mark.django_db
def test_saving_an_article_stores_its_html_text_and_reading_time():
    article = ArticleFactory(body="## Part\n\n" + "word " * 460)

    assert article.body_html.startswith('<h2 id="part">Part</h2>')
    assert article.word_count == 461
    assert article.reading_time == 3
